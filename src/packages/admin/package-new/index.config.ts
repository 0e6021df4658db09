export default definePageConfig({
  navigationBarTitleText: '新建大礼包批次',
})
