/*
 * Demo content: a fictional park modelled on the Huli Innovation Park story. Company and person
 * names are invented; people's names are generated from common surnames and given-name characters.
 */

import type { CategoryCode } from '../schemas'

export const COMMITTEE_NAME = '湖里创新园互联网行业联合党委'

export interface SeedCompany {
  name: string
  /** Short name used for the branch: `${short}党支部`. */
  short: string
  industry: string
}

export const COMPANIES: readonly SeedCompany[] = [
  { name: '码上通(厦门)网络科技有限公司', short: '码上通', industry: '二维码与数字身份' },
  { name: '云谷(厦门)信息技术有限公司', short: '云谷信息', industry: '企业信息化服务' },
  { name: '青砖创业服务(厦门)有限公司', short: '青砖创业', industry: '众创空间与孵化' },
  { name: '趣玩互动(厦门)网络科技有限公司', short: '趣玩互动', industry: '移动游戏' },
  { name: '联讯通信技术(厦门)股份有限公司', short: '联讯通信', industry: '统一通信设备' },
  { name: '柏森智能科技(厦门)有限公司', short: '柏森智能', industry: '人工智能' },
  { name: '鹭岛优选电子商务有限公司', short: '鹭岛优选', industry: '社区电商' },
  { name: '海豚云数据科技(厦门)有限公司', short: '海豚云', industry: '大数据与云计算' },
  { name: '筼筜视界文化传媒有限公司', short: '筼筜视界', industry: '网络视听' },
  { name: '易行出行科技(厦门)有限公司', short: '易行出行', industry: '智慧出行' },
  { name: '白鹭动漫科技有限公司', short: '白鹭动漫', industry: '动漫与数字内容' },
  { name: '链信区块链技术(厦门)有限公司', short: '链信科技', industry: '区块链' },
  { name: '闽味到家网络科技有限公司', short: '闽味到家', industry: '本地生活服务' },
  { name: '乐学在线教育科技(厦门)有限公司', short: '乐学在线', industry: '在线教育' },
  { name: '安盾网络安全技术(厦门)有限公司', short: '安盾安全', industry: '网络安全' },
  { name: '星海跨境电子商务(厦门)有限公司', short: '星海跨境', industry: '跨境电商' },
]

export const SURNAMES = [
  '陈',
  '林',
  '黄',
  '张',
  '李',
  '王',
  '吴',
  '刘',
  '蔡',
  '杨',
  '郑',
  '许',
  '谢',
  '洪',
  '郭',
  '邱',
  '曾',
  '廖',
  '赖',
  '周',
  '徐',
  '苏',
  '叶',
  '庄',
  '吕',
  '江',
  '何',
  '肖',
  '罗',
  '高',
  '潘',
  '朱',
  '钟',
  '彭',
  '方',
  '游',
]

export const GIVEN_CHARS = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '婷',
  '鹏',
  '辉',
  '华',
  '丹',
  '宇',
  '浩',
  '凯',
  '晨',
  '欣',
  '悦',
  '怡',
  '博',
  '航',
  '子',
  '嘉',
  '雨',
  '思',
  '梓',
  '铭',
  '宁',
  '琳',
  '晓',
  '泽',
  '瑞',
  '佳',
  '昊',
  '彤',
  '一',
  '可',
  '诗',
  '睿',
  '源',
  '阳',
  '斌',
  '燕',
  '露',
  '蓉',
  '志',
  '帆',
  '翔',
  '逸',
  '萱',
  '颖',
  '峰',
  '宏',
  '玲',
  '倩',
  '毅',
  '楠',
]

/** Names that appear in the news report; the generator never produces them. */
export const RESERVED_NAMES = new Set([
  '王秋婉',
  '苏晓翔',
  '刘剑锋',
  '陈绳旭',
  '丁小纯',
  '陈思恩',
  '郭筱淳',
  '陈瑜瑾',
  '林虹',
  '蔡汉祥',
])

export interface SeedNotice {
  title: string
  body: string
  pinned?: boolean
}

export const PARK_NOTICES: readonly SeedNotice[] = [
  {
    title: '关于开展第三期“红色路演”项目征集的通知',
    pinned: true,
    body: '各企业党支部:\n为搭建党员创业项目展示与对接平台,联合党委定于下月中旬举办第三期“红色路演”。现面向园区企业征集路演项目,重点关注数字经济、智慧城市、公益科技等方向。\n请有意向的企业于本月25日前将项目简介(不超过两页)报送联合党委办公室,经初评入选的项目将获得一对一路演辅导。\n联系人:联合党委办公室,电话 0592-5550101。',
  },
  {
    title: '“党员CEO健康大礼包”开放领取',
    pinned: true,
    body: '为关爱园区创业团队和企业负责人的身体健康,联合党委推出“党员CEO健康大礼包”,包含年度体检套餐一份及中医理疗体验券两张。\n园区企业负责人可在“我的-健康大礼包”中领取,数量有限,领完即止,每人限领一份。领取后凭取件码到创新驿站服务台核销。',
  },
  {
    title: '新任党支部书记及党务工作者培训班报名通知',
    body: '为帮助新建党组织书记尽快进入角色,联合党委将举办为期两天的党务工作者培训班,内容包括“三会一课”组织规范、发展党员工作流程、党费收缴与使用管理、支部工作台账等。\n请各支部书记及组织委员在“学习”页面报名,培训全程签到,结业颁发培训证书。',
  },
  {
    title: '青创沙龙第八期:90后员工如何做好职业规划',
    body: '本期青创沙龙邀请园区企业人力资源负责人与青年党员代表,围绕“90后员工的职业成长”展开交流,设置自由提问与经验分享环节。\n时间:本周五下午15:00;地点:创新驿站二楼多功能厅。欢迎园区青年员工报名参加,现场提供茶歇。',
  },
  {
    title: '关于做好本季度党费收缴工作的提醒',
    body: '请各党支部于本月底前完成本季度党费收缴工作,按照规定标准足额缴纳,并在支部台账中如实登记。\n如对党费基数核定有疑问,可联系联合党委组织委员咨询。',
  },
  {
    title: '“红e”帮帮团本月走访企业安排',
    body: '本月“红e”帮帮团将走访园区内8家互联网企业,宣讲研发费用加计扣除、软件企业税收优惠等政策,现场收集企业在融资、招聘、办公用房等方面的需求。\n被走访企业名单及时间已发至各支部书记,请提前梳理需要协调解决的问题。',
  },
  {
    title: '数字党员名片功能上线',
    body: '园区“数字党员名片”功能已上线。党员可在“我的-党员名片”中查看个人名片二维码,参加活动、培训时出示即可快速核验身份。\n二维码每隔一段时间自动刷新,请勿截图转发。',
  },
  {
    title: '公益创投项目“关爱走失老人”志愿者招募',
    body: '联合党委联合社区开展“党建引领公益创投”活动,为易走失老人定制带有联系码的防走失手环。现招募志愿者20名,负责信息登记与手环发放。\n服务时间为周六上午,参与志愿服务可按规定获得学习积分。',
  },
  {
    title: '入党积极分子培训班开班通知',
    body: '经各支部推荐,本期入党积极分子培训班共有学员46名。培训采用集中授课与线上学习相结合的方式,内容包括党章学习、党的基本理论和入党动机教育。\n请学员按时参加开班仪式,培训期间实行签到制度,缺课超过三分之一者不予结业。',
  },
  {
    title: '创业辅导“导师接待日”时间调整',
    body: '因场地安排调整,本月起创业辅导“导师接待日”改为每月第二、第四个周三下午举行,地点不变。\n有融资、股权架构、知识产权等方面问题的企业,可提前在活动页面预约导师。',
  },
  {
    title: '园区企业党组织集中授牌仪式圆满举行',
    body: '在园区各企业的共同努力下,16家互联网企业党支部集中授牌仪式圆满举行,湖里创新园互联网行业联合党委同步成立。\n联合党委将以党组织为纽带,聚合企业与人才,对接优质资源,为园区企业发展提供更多服务。感谢各企业的支持与参与!',
  },
  {
    title: '关于开展主题党日“走进红色教育基地”活动的通知',
    body: '联合党委定于本月最后一个周六组织党员赴红色教育基地开展主题党日活动,重温入党誓词,参观革命历史展陈。\n每个支部可推荐5名党员参加,请支部书记在本周内报送名单。活动统一乘车,上午8:30在园区东门集合。',
  },
]

/** Per-branch notices; `{branch}` is replaced with the branch name. */
export const BRANCH_NOTICES: readonly SeedNotice[] = [
  {
    title: '本月主题党日活动安排',
    body: '{branch}全体党员:\n本月主题党日定于下周三晚19:00在公司会议室举行,内容为集中学习与交流研讨,请结合岗位工作准备5分钟发言。\n因出差等原因不能参加的,请提前向支部书记请假。',
  },
  {
    title: '关于召开支部委员会会议的通知',
    body: '{branch}定于本周四中午12:30召开支部委员会会议,研究入党积极分子培养考察、下季度活动计划等事项。请各位支委准时参加。',
  },
  {
    title: '发展对象考察情况公示',
    pinned: true,
    body: '经{branch}支部委员会研究,拟将相关同志列为发展对象,现予以公示,公示期为五个工作日。\n公示期间,党员和群众可通过当面、电话或书面方式向支部书记反映情况。',
  },
  {
    title: '支部学习小组“技术骨干讲党课”报名',
    body: '{branch}将开展“技术骨干讲党课”活动,鼓励党员结合研发、产品、运营工作实际讲述身边的故事,每人15分钟。\n欢迎大家踊跃报名,报名截止到本周五。',
  },
  {
    title: '本季度党费缴纳提醒',
    body: '{branch}各位党员:请于本月25日前通过线上方式缴纳本季度党费,缴纳后在支部群内回复确认。如有疑问请联系组织委员。',
  },
  {
    title: '支部开展志愿服务活动的通知',
    body: '{branch}将于本周末参与社区志愿服务,协助开展反诈宣传和老年人智能手机使用教学。欢迎党员和入党积极分子报名,群众员工也可参加。',
  },
]

export interface SeedEvent {
  title: string
  category: CategoryCode
  venue: string
  description: string
  /** Days from the seed date (park time); negative for past events. */
  day: number
  /** Local start time in the park, `HH:mm`. */
  time: string
  hours: number
  capacity: number
  /** Share of the capacity already confirmed. */
  fill: number
  /** Members on the waitlist (only for a full event). */
  waitlist?: number
  /** Index into COMPANIES for a branch event; omitted for a park-wide one. */
  branch?: number
}

const STATION = '创新驿站'

export const EVENTS: readonly SeedEvent[] = [
  {
    title: '第三期“红色路演”:数字经济专场',
    category: 'roadshow',
    venue: `${STATION}路演厅`,
    description:
      '本期红色路演聚焦数字经济,8个入选项目每个路演8分钟、答辩5分钟,邀请投资机构和产业导师现场点评。\n优秀项目将推荐参加市级创新创业大赛,并获得联合党委“一对一”跟踪服务。欢迎园区员工到场观摩。',
    day: 9,
    time: '14:00',
    hours: 3,
    capacity: 120,
    fill: 0.55,
  },
  {
    title: '红色路演项目路演前辅导会',
    category: 'roadshow',
    venue: `${STATION}共享会议室A`,
    description:
      '面向报名第三期红色路演的项目团队,由往期优秀项目负责人和投资经理讲解路演材料结构、时间把控和答辩技巧,现场模拟演练。\n名额有限,满员后可排队候补,有空位将按候补顺序自动递补。',
    day: 4,
    time: '15:00',
    hours: 2,
    capacity: 30,
    fill: 1,
    waitlist: 5,
  },
  {
    title: '青创沙龙第八期:90后员工如何做好职业规划',
    category: 'salon',
    venue: `${STATION}二楼多功能厅`,
    description:
      '邀请园区企业人力资源负责人与青年党员代表,围绕“90后员工的职业成长”展开交流,设置自由提问与经验分享环节,现场提供茶歇。',
    day: 2,
    time: '15:00',
    hours: 2,
    capacity: 60,
    fill: 0.94,
  },
  {
    title: '青创沙龙第九期:AI 工具提效实战分享',
    category: 'salon',
    venue: `${STATION}二楼多功能厅`,
    description:
      '园区三家人工智能企业的工程师分享大模型工具在研发、运营和客服中的落地经验,并现场演示。请自带笔记本电脑。',
    day: 16,
    time: '19:00',
    hours: 2,
    capacity: 80,
    fill: 0.3,
  },
  {
    title: '创业辅导“导师接待日”:融资与股权架构',
    category: 'mentoring',
    venue: '园区党群服务中心',
    description:
      '两位投资机构合伙人和一位律师坐诊,围绕天使轮与A轮融资、股权架构设计、期权池设置等问题提供一对一咨询。请在报名后准备好企业简介和具体问题。',
    day: 6,
    time: '14:30',
    hours: 3,
    capacity: 20,
    fill: 0.9,
  },
  {
    title: '创业辅导:知识产权保护一对一咨询',
    category: 'mentoring',
    venue: '园区党群服务中心活动室',
    description:
      '知识产权代理机构专家为企业解答商标注册、软件著作权登记、专利布局等问题,每家企业咨询时间约20分钟。',
    day: 13,
    time: '14:00',
    hours: 2,
    capacity: 15,
    fill: 0.4,
  },
  {
    title: '公益创投:“关爱走失老人”防走失手环发放',
    category: 'charity',
    venue: '湖里区江头街道社区服务中心',
    description:
      '联合党委联合社区为易走失老人发放带联系码的防走失手环,志愿者负责信息登记、手环佩戴指导和使用说明讲解。\n上午8:30在园区东门集合,统一前往。',
    day: 5,
    time: '09:00',
    hours: 3,
    capacity: 20,
    fill: 0.95,
  },
  {
    title: '公益创投项目评审会',
    category: 'charity',
    venue: `${STATION}路演厅`,
    description:
      '本年度公益创投项目终评,入围的6个公益项目现场陈述,评审团和观众共同投票,获选项目将获得启动资金支持。',
    day: 20,
    time: '14:00',
    hours: 3,
    capacity: 50,
    fill: 0.2,
  },
  {
    title: '新建企业党支部授牌仪式',
    category: 'ceremony',
    venue: '园区党群服务中心',
    description:
      '为本季度新成立的企业党支部授牌,新任支部书记代表发言,联合党委书记讲话。请各支部书记着正装出席。',
    day: 11,
    time: '10:00',
    hours: 1.5,
    capacity: 100,
    fill: 0.45,
  },
  {
    title: '主题党日:走进红色教育基地',
    category: 'other',
    venue: '园区东门集合(统一乘车)',
    description:
      '赴红色教育基地开展主题党日活动,重温入党誓词,参观革命历史展陈。活动统一乘车,上午8:30在园区东门集合,午餐统一安排。',
    day: 18,
    time: '08:30',
    hours: 8,
    capacity: 45,
    fill: 0.6,
  },
  {
    title: '技术骨干讲党课',
    category: 'other',
    venue: '码上通公司大会议室',
    description:
      '支部党员结合研发、产品和运营工作实际讲述身边的故事,每人15分钟,欢迎入党积极分子和群众员工旁听。',
    day: 3,
    time: '19:00',
    hours: 1.5,
    capacity: 25,
    fill: 0.5,
    branch: 0,
  },
  {
    title: '社区反诈宣传志愿服务',
    category: 'charity',
    venue: '湖里区殿前街道社区广场',
    description:
      '支部党员走进社区,开展反诈宣传并教老年人识别常见诈骗短信和电话。欢迎入党积极分子和群众员工报名。',
    day: 8,
    time: '09:30',
    hours: 3,
    capacity: 15,
    fill: 0.4,
    branch: 7,
  },
  {
    title: '青年员工读书分享会',
    category: 'salon',
    venue: '云谷信息公司图书角',
    description: '本期共读《平凡的世界》,每人分享一段最有感触的内容,支部提供书籍。',
    day: 7,
    time: '19:00',
    hours: 2,
    capacity: 20,
    fill: 0.3,
    branch: 1,
  },
  {
    title: '园区企业党组织集中授牌仪式',
    category: 'ceremony',
    venue: `${STATION}路演厅`,
    description: '16家互联网企业党支部集中授牌,湖里创新园互联网行业联合党委同步成立。',
    day: -30,
    time: '10:00',
    hours: 2,
    capacity: 150,
    fill: 0.8,
  },
  {
    title: '第二期“红色路演”:智慧城市专场',
    category: 'roadshow',
    venue: `${STATION}路演厅`,
    description: '6个智慧城市方向项目现场路演,2个项目当场与投资机构达成合作意向。',
    day: -21,
    time: '14:00',
    hours: 3,
    capacity: 100,
    fill: 0.85,
  },
  {
    title: '青创沙龙第七期:跨境电商出海经验谈',
    category: 'salon',
    venue: `${STATION}二楼多功能厅`,
    description: '园区跨境电商企业负责人分享海外市场开拓、合规经营和团队建设经验。',
    day: -12,
    time: '15:00',
    hours: 2,
    capacity: 60,
    fill: 0.75,
  },
  {
    title: '创业辅导:研发费用加计扣除政策解读',
    category: 'mentoring',
    venue: '园区党群服务中心',
    description: '税务专家解读研发费用加计扣除、软件企业税收优惠政策,并解答企业申报中的常见问题。',
    day: -6,
    time: '14:30',
    hours: 2,
    capacity: 40,
    fill: 0.7,
  },
  {
    title: '支部主题党日集中学习',
    category: 'other',
    venue: '码上通公司大会议室',
    description: '集中学习党章第一章,结合岗位工作交流研讨。',
    day: -9,
    time: '19:00',
    hours: 2,
    capacity: 20,
    fill: 0.6,
    branch: 0,
  },
]

export const HEALTH_PACKAGE = {
  name: '党员CEO健康大礼包(2026冬季)',
  description:
    '年度体检套餐一份、中医理疗体验券两张。领取后凭取件码到创新驿站服务台领取实物,每人限领一份,数量有限,领完即止。',
  /** Fewer than the 9 party-member CEOs, so it runs out. */
  stock: 6,
  /** Claims already made, by the last eligible CEOs (by id); the first of them has picked the package up. */
  claimed: 3,
  /** The claim window opened this many days before the seed date and closes this many days after. */
  openedDaysAgo: 3,
  closesInDays: 14,
} as const

/** Newcomers who asked to join a branch from WeChat and wait for its secretary (fictional). */
export const JOINING: ReadonlyArray<{ name: string; phone: string; note: string }> = [
  { name: '沈知远', phone: '13606001234', note: '上周入职码上通研发部,原在大学已是入党积极分子。' },
]
