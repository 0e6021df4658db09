export default definePageConfig({
  navigationBarTitleText: '取件码',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
