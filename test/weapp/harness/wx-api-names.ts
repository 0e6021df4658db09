// Every wx.* API name WeChat declares, read from its official typings (miniprogram-api-typings).
// Taro wraps the APIs it finds with Object.keys(wx), so the fake wx must list them all: an API the
// harness does not implement is then still a function, and a call to it is caught and reported.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

let names: string[] | null = null

export function wxApiNames(): string[] {
  if (names) return names
  const file = path.join(
    path.dirname(require.resolve('miniprogram-api-typings/package.json')),
    'types/wx/lib.wx.api.d.ts',
  )
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const found = new Set<string>()
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) {
        if (member.name && ts.isIdentifier(member.name)) found.add(member.name.text)
      }
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (found.size < 100) throw new Error(`only ${found.size} APIs in the Wx interface of ${file}`)
  names = [...found].sort()
  return names
}
