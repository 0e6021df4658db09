import type { UserConfigExport } from '@tarojs/cli'
import { leanH5Runtime } from './h5-lean'
import { FirstPagePreloadPlugin } from './first-page-preload'
import { PrecompressPlugin } from './precompress'

export default {
  mini: {
    enableSourceMap: false,
    // Modules only one sub-package uses stay out of the main package.
    optimizeMainPackage: { enable: true },
  },
  h5: {
    enableSourceMap: false,
    // The H5 app is served from the API server: keep what the phone downloads small.
    // Tiny images inline; the tab bar's icons (1.4-2.2 KiB each) are files the browser caches, not
    // base64 text inside the app's first script, named by their content so the server lets the
    // browser keep them for a year (a second visit asks for none of them again).
    imageUrlLoaderOption: { limit: 1024, name: 'static/images/[name].[contenthash:8][ext]' },
    webpackChain(chain, webpack) {
      // Taro splits only the initial chunks, so every lazily loaded page carried its own copy of
      // the component library, the API layer and our services (~60-100 KiB each). Splitting all
      // chunks lets pages share them and a phone downloads each once; tiny shared bits stay inline.
      const splitChunks = chain.optimization.get('splitChunks')
      if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 8 * 1024 })
      leanH5Runtime(chain, webpack)
      // The index page asks for the first page's files at once, not after the app has started.
      chain.plugin('first-page-preload').use(FirstPagePreloadPlugin)
      // Brotli and gzip copies of every text asset, served as they are.
      chain.plugin('precompress').use(PrecompressPlugin)
    },
  },
  terser: { enable: true, config: { compress: { drop_debugger: true, pure_funcs: ['console.debug'] } } },
  csso: { enable: true },
} satisfies UserConfigExport<'webpack5'>
