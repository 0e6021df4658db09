export default definePageConfig({
  navigationBarTitleText: '学习积分',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
})
