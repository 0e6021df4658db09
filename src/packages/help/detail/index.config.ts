export default definePageConfig({
  navigationBarTitleText: '求助详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
