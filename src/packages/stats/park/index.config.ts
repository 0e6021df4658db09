export default definePageConfig({
  navigationBarTitleText: '园区数据',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
