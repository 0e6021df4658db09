// `@tarojs/taro` in tests. The real build rewrites `Taro.x` into named imports from the H5
// implementation and attaches the React page hooks; here one object carries all of them.
import * as h5 from '@tarojs/taro-h5'
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'

export * from '@tarojs/taro-h5'
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePageScroll,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime'

const { default: base, ...api } = h5 as typeof h5 & { default: object }
const Taro = Object.assign({}, base, api, hooks)

export default Taro
