export default definePageConfig({
  navigationBarTitleText: '创建课程',
})
