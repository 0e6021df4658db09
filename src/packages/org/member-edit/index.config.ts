export default definePageConfig({
  navigationBarTitleText: '编辑成员',
})
