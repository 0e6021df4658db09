// Types for the React runtime of Taro, which the tests wire up by hand (the package ships none).
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  type Hook = (callback: (...args: never[]) => unknown) => void

  export function createH5NativeComponentConfig(
    component: unknown,
    react: unknown,
    reactDom: unknown,
  ): unknown
  export const useDidHide: Hook
  export const useDidShow: Hook
  export const useLaunch: Hook
  export const useLoad: Hook
  export const usePageScroll: Hook
  export const usePullDownRefresh: Hook
  export const useReachBottom: Hook
  export const useReady: Hook
  export const useUnload: Hook
  export function useRouter(dynamic?: boolean): unknown
}
