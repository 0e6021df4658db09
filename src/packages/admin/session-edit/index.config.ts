export default definePageConfig({
  navigationBarTitleText: '添加场次',
})
