export default definePageConfig({
  navigationBarTitleText: '入党进度',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
