export default definePageConfig({
  navigationBarTitleText: '健康大礼包',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
