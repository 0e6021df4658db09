export default definePageConfig({
  navigationBarTitleText: '考勤',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
