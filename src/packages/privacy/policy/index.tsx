import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { cx } from '@/components/types'
import { useCareModeClass } from '@/stores/care-mode'
import { getSession } from '@/stores/session'
import { ROUTES } from '@/utils/routes'
import './index.scss'

const SECTIONS: Array<[title: string, lines: string[]]> = [
  [
    '园区保存哪些信息',
    [
      '身份信息：姓名、手机号、所在企业和支部、政治面貌、出生日期、是否企业CEO，以及你在园区的角色（如支部书记）。',
      '微信信息：你的微信账号标识（openid），用于下次自动登录；我们不获取你的微信昵称、头像和好友。',
      '参与记录：通知阅读、活动报名和签到、培训出勤、学习积分、健康大礼包领取记录，以及入支部和入党申请的办理记录。',
    ],
  ],
  [
    '为什么需要这些信息',
    [
      '手机号用于确认你就是名册中的那个人，把你加入所在支部；不会用于营销，也不会发送广告短信。',
      '政治面貌和出生日期用于组织生活、党员发展（年满18周岁）和党员CEO健康大礼包的资格。',
      '参与记录用于签到、考勤和个人学习积分；积分只给你本人看，不做排名。',
    ],
  ],
  [
    '谁能看到',
    [
      '你本人：在「我的 → 我的信息」查看园区保存的全部信息。',
      '你所在支部的书记和园区管理员：可以看到完整手机号，用于联系和管理名册。',
      '其他人：看不到你的政治面貌和出生日期；在名单中只能看到打码后的手机号（如 138****5678）。',
      '园区的每一次组织变更（新增、修改、转接、停用）都会记入操作日志，写明谁在何时做了什么。',
    ],
  ],
  [
    '保存与删除',
    [
      '信息保存在园区自己的服务器上，不提供给第三方；日志中不记录手机号等个人信息。',
      '离开园区后，你的账号会被停用、登录立即失效；历史的签到和活动记录按党建档案要求保留。',
      '信息有误或希望更正，请联系你所在支部的书记或园区联合党委。',
    ],
  ],
  [
    '摄像头与手机号授权',
    [
      '使用「手机号快速验证」或扫码签到、扫描邀请二维码之前，小程序会先请你阅读并同意本政策；你可以拒绝，并改用邀请码或签到码。',
    ],
  ],
]

export default function PrivacyPolicyPage() {
  // 关怀模式: this page has no page shell to carry the class.
  const careMode = useCareModeClass()
  const signedIn = getSession() !== null
  return (
    <View className={cx('privacy-policy', careMode)}>
      <Text className="privacy-policy__title">红e园区隐私政策</Text>
      <Text className="privacy-policy__lead">
        红e园区由湖里创新园互联网行业联合党委运营。手机号和政治面貌属于敏感个人信息，我们只为党建工作所需收集和使用。
      </Text>
      {SECTIONS.map(([title, lines]) => (
        <View className="privacy-policy__section" key={title}>
          <Text className="privacy-policy__heading">{title}</Text>
          {lines.map((line) => (
            <Text className="privacy-policy__line" key={line}>
              {line}
            </Text>
          ))}
        </View>
      ))}
      {signedIn ? (
        <Text
          className="privacy-policy__link"
          onClick={() => Taro.navigateTo({ url: ROUTES.myInfo }).catch(() => undefined)}
        >
          查看园区保存的我的信息 ›
        </Text>
      ) : null}
    </View>
  )
}
