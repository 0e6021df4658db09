export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/events/index',
    'pages/study/index',
    'pages/me/index',
    'pages/login/index',
  ],
  // Detail and admin pages live in sub-packages so the main package stays small.
  subPackages: [
    { root: 'packages/notice', pages: ['detail/index'] },
    { root: 'packages/event', pages: ['detail/index', 'my-signups/index'] },
    { root: 'packages/health', pages: ['pickup/index'] },
    { root: 'packages/study', pages: ['course/index', 'material/index'] },
    { root: 'packages/checkin', pages: ['enter/index', 'result/index', 'screen/index'] },
    {
      root: 'packages/me',
      pages: ['points/index', 'card/index', 'courses/index', 'settings/index', 'messages/index'],
    },
    // Organisation and joining
    { root: 'packages/join', pages: ['profile/index'] },
    { root: 'packages/privacy', pages: ['policy/index', 'my-info/index'] },
    {
      root: 'packages/org',
      pages: [
        'manage/index',
        'members/index',
        'member-edit/index',
        'company-edit/index',
        'branch-edit/index',
        'import/index',
        'invite/index',
      ],
    },
    // 入党申请
    {
      root: 'packages/party',
      pages: ['progress/index', 'pipeline/index', 'application/index', 'committee/index'],
    },
    // 红e帮帮团
    { root: 'packages/help', pages: ['index/index', 'new/index', 'detail/index'] },
    {
      root: 'packages/admin',
      pages: [
        'notice-new/index',
        'event-edit/index',
        'events/index',
        'attendees/index',
        'package-new/index',
        'packages/index',
        'package-claims/index',
        'redeem/index',
        'sessions/index',
        'attendance/index',
        'card-verify/index',
        'branch-stats/index',
        'courses/index',
        'course-edit/index',
        'course-manage/index',
        'session-edit/index',
        'material-edit/index',
        'notice-readers/index',
      ],
    },
    // 园区数据 with its charts: the chart library stays out of every other package.
    { root: 'packages/stats', pages: ['park/index'] },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/notice'] },
    'pages/events/index': { network: 'all', packages: ['packages/event'] },
    'pages/study/index': { network: 'all', packages: ['packages/study', 'packages/checkin'] },
    'pages/me/index': { network: 'all', packages: ['packages/me'] },
  },
  // WeChat asks before the phone-number button or the camera; our own popup answers (PrivacyPopup).
  __usePrivacyCheck__: true,
  window: {
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTitleText: '红e园区',
    navigationBarTextStyle: 'white',
    // Also draws the bar (title, back and home buttons) on H5, where it is off by default.
    navigationStyle: 'default',
    backgroundColor: '#F5F5F5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/events/index',
        text: '活动',
        iconPath: 'assets/tabbar/events.png',
        selectedIconPath: 'assets/tabbar/events-active.png',
      },
      {
        pagePath: 'pages/study/index',
        text: '学习',
        iconPath: 'assets/tabbar/study.png',
        selectedIconPath: 'assets/tabbar/study-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
})
