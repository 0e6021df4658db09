// A webpack loader for the entry code Taro's H5 loader writes (`@tarojs/taro-loader/lib/h5`): the app
// starts in several tasks instead of one. Taro's entry imports the whole runtime (the H5 APIs, the
// router, React, our app's modules) and then creates the app, the history, the tab bar and the
// router, all in the one task that evaluates the app's script: the longest task of a first visit.
// Here each import is evaluated in a task of its own (a dynamic import of a module in the same
// chunk, `webpackMode: "eager"`, fetches nothing), and so are the app, the tab bar and the router,
// with the browser free to paint and answer a tap in between. The order is Taro's own.
const IMPORT = /^import\s+(?:(.+?)\s+from\s+)?(['"][^'"]+['"])\s*;?\s*$/
// Stay static imports: stylesheets (extracted into files, their modules are empty), and Taro's
// runtime, which every other module imports first anyway (as a dynamic import, all of its exports
// stayed in the build: 43 KB more in the first script).
const STATIC = /(?:\.css|^['"]@tarojs\/runtime)['"]$/
const STEPS = ['var inst = ', 'var history = ', 'createRouter(']

/**
 * `import a`, `import * as a`, `import { a, b as c }` as a dynamic import: the names it is bound to,
 * and the exports it uses (`webpackExports`, so the rest of the module is still left out).
 */
function dynamicImport(clause, request) {
  const load = (exports) =>
    `await import(/* webpackMode: "eager"${exports ? `, webpackExports: ${JSON.stringify(exports)}` : ''} */ ${request})`
  if (!clause) return load([])
  const namespace = /^\*\s+as\s+(\w+)$/.exec(clause)
  if (namespace) return `const ${namespace[1]} = ${load(null)}`
  const named = /^\{([^}]*)\}$/.exec(clause)
  if (named) {
    const names = named[1]
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    const exported = names.map((name) => name.split(/\s+as\s+/)[0])
    return `const { ${names.map((name) => name.replace(/\s+as\s+/, ': ')).join(', ')} } = ${load(exported)}`
  }
  if (/^\w+$/.test(clause)) return `const { default: ${clause} } = ${load(['default'])}`
  throw new Error(`staged-entry-loader: an import this loader does not know: ${clause}`)
}

module.exports = function stagedEntry(source) {
  const lines = source.split('\n')
  const kept = []
  const staged = []
  const rest = []
  for (const line of lines) {
    const match = IMPORT.exec(line.trim())
    if (!match) {
      rest.push(line)
      continue
    }
    const [, clause, request] = match
    if (STATIC.test(request)) kept.push(line)
    else staged.push(dynamicImport(clause, request), 'await nextTask()')
  }
  let body = rest.join('\n')
  for (const step of STEPS) {
    if (!body.includes(`\n${step}`)) {
      throw new Error(`staged-entry-loader: Taro's H5 entry has changed (no "${step.trim()}")`)
    }
    body = body.replace(`\n${step}`, `\nawait nextTask()\n${step}`)
  }
  return `${kept.join('\n')}
function nextTask() {
  return new Promise(function (resolve) {
    setTimeout(resolve, 0)
  })
}
;(async function start() {
${staged.join('\n')}
${body}
})().catch(function (error) {
  setTimeout(function () {
    throw error
  })
})
`
}
