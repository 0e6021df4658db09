export default definePageConfig({
  // The server names the card (数字党员名片 or 园区名片); the page takes that title once it arrives.
  navigationBarTitleText: '我的名片',
  backgroundTextStyle: 'dark',
})
