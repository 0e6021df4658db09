import path from 'node:path'
import type { Compiler } from 'webpack'
import type { IH5Config } from '@tarojs/taro/types/compile/config/h5'

type WebpackChain = NonNullable<IH5Config['webpackChain']>

const runtime = (file: string) => path.resolve(__dirname, 'h5-runtime', file)

/** Taro's own H5 packages that import Stencil components just to define them. */
const DEFERRED_ISSUERS = /[\\/]@tarojs[\\/](?:router|taro-h5)[\\/]/

/**
 * Leaves out what the H5 app does not need before its first page (config/h5-runtime/): the tab
 * bar is drawn in plain DOM instead of by a Stencil web component (no Stencil runtime at start),
 * and the fetch, AbortController and JSONP code of Taro's request API goes (every supported
 * browser has fetch and AbortController; the app never asks for JSONP). A page renders in slices
 * that leave the browser free to paint and answer taps in between, not in one long task, and a
 * page shown again is not hidden by a late timer (page-show-loader.js).
 */
/** Puts `staged-entry-loader.js` after Taro's H5 entry loader, on the code that loader writes. */
class StagedEntryPlugin {
  apply(compiler: Compiler) {
    const taroEntryLoader = require.resolve('@tarojs/taro-loader/lib/h5')
    compiler.hooks.compilation.tap('StagedEntryPlugin', (compilation) => {
      compiler.webpack.NormalModule.getCompilationHooks(compilation).loader.tap(
        'StagedEntryPlugin',
        (_context, module) => {
          const at = module.loaders.findIndex((item) => item.loader === taroEntryLoader)
          if (at < 0 || !/[\\/]app\.config\.[jt]s$/.test(module.resource)) return
          module.loaders.splice(at, 0, {
            loader: runtime('staged-entry-loader.js'),
            options: {},
            ident: null,
            type: null,
          })
        },
      )
    })
  }
}

export const leanH5Runtime: WebpackChain = (chain, webpack) => {
  chain.plugin('plain-dom-tab-bar').use(webpack.NormalModuleReplacementPlugin, [
    /^@tarojs\/components\/dist\/components$/,
    (resource: { request: string; contextInfo?: { issuer?: string } }) => {
      if (DEFERRED_ISSUERS.test(resource.contextInfo?.issuer ?? '')) resource.request = runtime('tab-bar.js')
    },
  ])
  chain.resolve.alias
    .set('whatwg-fetch$', runtime('empty.js'))
    .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', runtime('empty.js'))
    .set('jsonp-retry$', runtime('no-jsonp.js'))
  // Pages mount as React transitions, rendered in slices (see the loader).
  chain.module
    .rule('page-transition')
    .test(/[\\/]@tarojs[\\/]plugin-framework-react[\\/]dist[\\/]runtime\.js$/)
    .use('page-transition')
    .loader(runtime('page-transition-loader.js'))
  chain.plugin('staged-entry').use(StagedEntryPlugin)
  // Going back before a page's opening animation has ended keeps the page below visible.
  chain.module
    .rule('page-show')
    .test(/[\\/]@tarojs[\\/]router[\\/]dist[\\/].*\.js$/)
    .use('page-show')
    .loader(runtime('page-show-loader.js'))
}
