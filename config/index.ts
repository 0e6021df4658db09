import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * The API origin baked into the client. H5 is served by the API server itself, so an empty value
 * means "same origin". A mini-program has no origin of its own and must be told where the API is.
 */
function apiOrigin(platform: string | undefined, isProduction: boolean): string {
  const value = (process.env.TARO_APP_API ?? '').replace(/\/+$/, '')
  if (value || platform === 'h5') return value
  if (isProduction) {
    throw new Error(
      `TARO_APP_API must be set for a ${platform} build, e.g. TARO_APP_API=https://api.example.com`,
    )
  }
  const fallback = 'http://127.0.0.1:3000'
  console.warn(`TARO_APP_API is not set; the ${platform} build talks to ${fallback}`)
  return fallback
}

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV
  const isProduction = process.env.NODE_ENV === 'production'

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'red-e-park',
    date: '2026-11-24',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // The weapp test build goes to a folder of its own (TARO_OUTPUT_ROOT), so it never replaces dist/weapp.
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${platform}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API': JSON.stringify(apiOrigin(platform, isProduction)),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    // H5 runs on Preact (through preact/compat, so the code still imports React): React DOM's
    // ~130 KB was most of the entry script and most of the time to evaluate it. The mini-program
    // keeps React, which Taro's mini-program reconciler is built on.
    framework: platform === 'h5' ? 'preact' : 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Every stylesheet sees the design tokens without importing them.
    sass: { resource: [path.resolve(__dirname, '..', 'src/styles/variables.scss')] },
    mini: {
      // Styles are scoped by class name, so the order chunks load them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // React components rendered as plain HTML elements instead of Stencil web components: the
      // Stencil runtime (~150 KiB before minifying) no longer loads before the first page.
      useHtmlComponents: true,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
      },
    },
  }

  return merge({}, baseConfig, isProduction ? prodConfig : devConfig)
})
