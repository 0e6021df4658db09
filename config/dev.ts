import type { UserConfigExport } from '@tarojs/cli'
import { leanH5Runtime } from './h5-lean'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: { webpackChain: leanH5Runtime },
} satisfies UserConfigExport<'webpack5'>
