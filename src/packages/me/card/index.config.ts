export default definePageConfig({
  navigationBarTitleText: '我的党员名片',
  backgroundTextStyle: 'dark',
})
