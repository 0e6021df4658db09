export default definePageConfig({
  navigationBarTitleText: '添加学习资料',
})
