export default definePageConfig({
  navigationBarTitleText: '登录',
  // On H5 the bar would offer a 首页 button that only leads back here; the red banner is the top.
  navigationStyle: process.env.TARO_ENV === 'h5' ? 'custom' : 'default',
})
