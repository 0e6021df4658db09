export default definePageConfig({
  navigationBarTitleText: '名片核验',
})
