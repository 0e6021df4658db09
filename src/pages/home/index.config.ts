export default definePageConfig({
  navigationBarTitleText: '红e园区',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
