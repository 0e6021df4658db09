export default definePageConfig({
  navigationBarTitleText: '签到屏',
  // A projector shows the code, not a navigation bar; the mini-program keeps its bar for the back button.
  navigationStyle: process.env.TARO_ENV === 'h5' ? 'custom' : 'default',
  navigationBarBackgroundColor: '#A50F15',
})
