export default definePageConfig({
  navigationBarTitleText: '核销取件码',
})
