export default definePageConfig({
  navigationBarTitleText: '红e帮帮团',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
