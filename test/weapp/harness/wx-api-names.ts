// Every wx.* API name WeChat declares, read from its official typings (miniprogram-api-typings).
// Taro wraps the APIs it finds with Object.keys(wx), so the fake wx must list them all: an API the
// harness does not implement is then still a function, and a call to it is caught and reported.
import { readFileSync } from 'node:fs'
import path from 'node:path'

let names: string[] | null = null

export function wxApiNames(): string[] {
  if (names) return names
  const typings = path.join(
    path.dirname(require.resolve('miniprogram-api-typings/package.json')),
    'types/wx/lib.wx.api.d.ts',
  )
  const source = readFileSync(typings, 'utf8')
  const start = source.indexOf('\n    interface Wx {')
  if (start < 0) throw new Error(`no "interface Wx" in ${typings}`)
  const end = source.indexOf('\n    }', start)
  const found = new Set<string>()
  for (const match of source.slice(start, end).matchAll(/^ {8}([a-zA-Z0-9]+)\s*[<(]/gm)) found.add(match[1])
  names = [...found].sort()
  return names
}
