export default definePageConfig({
  navigationBarTitleText: '支部数据',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
