export default definePageConfig({
  navigationBarTitleText: '上级党委审批',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
