import type { Compiler } from 'webpack'

/** The pages an H5 visit can open on, as the router names them; the map covers only these. */
const FIRST_PAGES = [
  'pages/home/index',
  'pages/events/index',
  'pages/study/index',
  'pages/me/index',
  'pages/login/index',
]

/** Where the map goes in `src/index.html`: the first-page script reads it. */
const PLACEHOLDER = /\/\*FIRST_PAGE_FILES\*\/\s*\{\}/

/**
 * Writes into the H5 index page which script and stylesheet files each first page loads, so the
 * page's inline script asks for them together with the app's own script (`<link rel="preload">`)
 * instead of one round trip after the app has started. Runs after the real content hashes are in
 * the file names and before the compressed copies are made.
 */
export class FirstPagePreloadPlugin {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('FirstPagePreloadPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'FirstPagePreloadPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH + 1 },
        (assets) => {
          const html = assets['index.html']
          if (!html) return
          const initial = new Set<string>()
          for (const group of compilation.chunkGroups)
            if (group.isInitial()) for (const file of group.getFiles()) initial.add(file)
          const map: Record<string, string[]> = {}
          for (const group of compilation.chunkGroups) {
            if (group.isInitial()) continue
            const page = FIRST_PAGES.find((name) =>
              group.origins.some((origin) => origin.request?.replace(/^\.\//, '') === name),
            )
            if (!page) continue
            const files = group
              .getFiles()
              .filter((file) => /\.(?:js|css)$/.test(file) && !initial.has(file))
              .map((file) => `/${file}`)
            map[page] = [...new Set([...(map[page] ?? []), ...files])]
          }
          const text = html.source().toString()
          if (!PLACEHOLDER.test(text)) return
          compilation.updateAsset(
            'index.html',
            new sources.RawSource(text.replace(PLACEHOLDER, JSON.stringify(map))),
          )
        },
      )
    })
  }
}
