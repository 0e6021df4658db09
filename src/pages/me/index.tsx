import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Me, MeSummary } from '../../../types/api'
import { JoinPrompt } from '@/components/join-prompt'
import { MenuGroup, MenuItem } from '@/components/menu-list'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import * as me from '@/services/me'
import { useCareMode } from '@/stores/care-mode'
import { updateUser, type Session } from '@/stores/session'
import { saveTools, type Tools } from '@/stores/tools'
import { officeLabels, POLITICAL_STATUS_LABELS } from '@/utils/labels'
import { joinStateOf } from '@/utils/join'
import { refreshNotificationBadge } from '@/utils/notification-badge'
import { myCardLabel } from '@/utils/member-card'
import { ROUTES } from '@/utils/routes'
import { HealthPackageSection } from './health-package-section'
import { PointsCard } from './points-card'
import { coursesHint, signupHint } from './summary'
import './index.scss'
import { useTabBadges, useUnread } from '@/stores/tab-badges'

/** What 红e帮帮团 holds for me: the park's queue, my assigned requests, or my own. */
function helpHint(user: Me): string {
  if (user.roles.includes('park_admin')) return '企业求助 · 分派 · 响应时限'
  if (user.roles.includes('helper')) return '分派给我的求助'
  return '政策 · 税务 · 融资 · 人才 · 场地'
}

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

function ProfileCard({ user }: { user: Me }) {
  return (
    <View className="profile-card">
      <View className="profile-card__avatar" aria-hidden="true">
        <Text>{user.name.slice(0, 1)}</Text>
      </View>
      <View className="profile-card__main">
        <Text className="profile-card__name">{user.name}</Text>
        <View className="profile-card__tags">
          <Tag type="primary" className="profile-card__status">
            {POLITICAL_STATUS_LABELS[user.politicalStatus]}
          </Tag>
          {officeLabels(user.roles).map((label) => (
            <Tag type="solid" key={label} className="profile-card__role">
              {label}
            </Tag>
          ))}
          {user.isCeo ? (
            <Tag type="gold" className="profile-card__ceo">
              企业CEO
            </Tag>
          ) : null}
        </View>
        <Text className="profile-card__line">支部：{user.branch?.name ?? '未加入支部'}</Text>
        <Text className="profile-card__line">企业：{user.company?.name ?? '—'}</Text>
      </View>
    </View>
  )
}

/** Organiser tools, as the server says I hold them: my branch's (secretaries) or the park's. */
function ManageGroup({ tools }: { tools: Tools }) {
  if (tools.scope === null) return null
  const parkAdmin = tools.scope === 'park'
  const scope = parkAdmin ? '园区或支部' : '本支部'
  type Item = [className: string, label: string, hint: string, url: string]
  const items: Item[] = [
    ['publish', '发布通知', scope, ROUTES.noticeNew],
    ['event-new', '发布活动', scope, ROUTES.eventNew],
    ['events-manage', '活动管理', '报名名单 · 扫码签到 · 导出', ROUTES.eventsManage],
    ['sessions-manage', '签到管理', '培训签到屏 · 考勤', ROUTES.sessionsManage],
    ['courses-manage', '课程管理', '课程 · 场次 · 学习资料', ROUTES.coursesManage],
    ['card-verify', '名片核验', '扫描党员名片二维码', ROUTES.cardVerify],
    parkAdmin
      ? ['park-stats', '园区数据', '覆盖率 · 趋势 · 帮帮团 · 积分汇总', ROUTES.parkStats]
      : ['branch-stats', '支部数据', '积分与参与情况汇总', ROUTES.branchStats],
    parkAdmin
      ? ['org-manage', '组织管理', '企业 · 支部 · 名册 · 日志', ROUTES.orgManage]
      : ['branch-members', '支部成员', '名册 · 邀请 · 入支部申请', ROUTES.branchMembers],
    // 入党申请
    [
      'party-pipeline',
      '发展党员',
      parkAdmin ? '各支部发展党员名单' : '按阶段 · 逾期提醒 · 补录',
      ROUTES.partyPipeline,
    ],
    ...(parkAdmin
      ? [['party-committee', '上级党委审批', '备案 · 预审 · 派人谈话 · 审批', ROUTES.partyCommittee] as Item]
      : []),
  ]
  return (
    <MenuGroup title={parkAdmin ? '园区管理' : '支部管理'} className="menu--manage">
      {items.map(([className, label, hint, url]) => (
        <MenuItem
          key={className}
          className={`menu-item--${className}`}
          label={label}
          hint={hint}
          onClick={() => go(url)}
        />
      ))}
    </MenuGroup>
  )
}

function Profile({ session }: { session: Session }) {
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(!session.user)
  const [summary, setSummary] = useState<MeSummary | null>(null)
  const unread = useUnread('messages')
  // The card's name follows the server's title (党员名片 for party members, else 园区名片); until the
  // summary arrives, someone on the roster sees the entry under a neutral name.
  const cardLabel = summary
    ? summary.card && myCardLabel(summary.card.title)
    : joinStateOf(session.user) === 'member'
      ? '我的名片'
      : null
  const careMode = useCareMode()
  const fetchedAt = useRef(0)
  const user = session.user
  const hasUser = useRef(!!user)
  hasUser.current = !!user

  const loadProfile = useCallback(async () => {
    try {
      updateUser(await auth.me())
      setError(null)
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) return
      // A cached profile stays on screen under a bar that says it could not be refreshed (the
      // settings and 退出登录 stay at hand); without one the error replaces the page.
      setError(e)
    } finally {
      setLoading(false)
    }
  }, [])

  // The profile and one summary: 我的 costs two requests.
  const loadSummary = useCallback(async () => {
    try {
      const answer = await me.summary()
      saveTools(answer.tools)
      setSummary(answer)
    } catch {
      // The rows say less until the next refresh; the profile still shows.
    }
  }, [])

  const loadAll = useCallback(async () => {
    fetchedAt.current = Date.now()
    await Promise.all([loadProfile(), loadSummary(), refreshNotificationBadge()])
  }, [loadProfile, loadSummary])

  useEffect(() => {
    void loadAll()
  }, [loadAll])
  useDidShow(() => {
    // Points, signups, courses and stock change elsewhere; refresh when the tab comes back.
    if (Date.now() - fetchedAt.current > 1500) void loadAll()
  })

  return (
    <PageShell
      className="me"
      loading={loading && !user}
      error={user ? null : error}
      onRetry={() => void loadAll()}
      onRefresh={loadAll}
    >
      {user ? (
        <>
          {error ? (
            <View className="me__stale" role="alert">
              <Text className="me__stale-text">
                {error.status === 0 ? '网络不给力' : '暂时无法刷新'}，显示的是上次的资料
              </Text>
              <Button className="me__stale-retry" onClick={() => void loadAll()}>
                重试
              </Button>
            </View>
          ) : null}
          <ProfileCard user={user} />
          <JoinPrompt />
          <PointsCard
            summary={summary?.points ?? null}
            fallbackTotal={user.points.total}
            onOpen={() => go(ROUTES.points)}
          />
          <MenuGroup className="menu--mine">
            <MenuItem
              className={unread > 0 ? 'menu-item--messages menu-item--unread' : 'menu-item--messages'}
              label="消息"
              hint={unread > 0 ? `${unread > 99 ? '99+' : unread} 条未读` : '活动提醒与通知'}
              onClick={() => go(ROUTES.messages)}
            />
            {cardLabel ? (
              <MenuItem
                className="menu-item--card"
                label={cardLabel}
                hint="出示二维码"
                onClick={() => go(ROUTES.memberCard)}
              />
            ) : null}
            <MenuItem
              className="menu-item--my-signups"
              label="我的报名"
              hint={signupHint(summary?.signups ?? null) ?? '已报名与候补'}
              onClick={() => go(ROUTES.mySignups)}
            />
            <MenuItem
              className="menu-item--my-courses"
              label="我的课程"
              hint={coursesHint(summary?.courses ?? null) ?? '课程与出勤'}
              onClick={() => go(ROUTES.myCourses)}
            />
            {user.roles.length > 0 ? (
              <MenuItem
                className="menu-item--party-progress"
                label="入党进度"
                hint="递交申请 · 培养考察 · 下一步"
                onClick={() => go(ROUTES.partyProgress)}
              />
            ) : null}
            {user.roles.length > 0 ? (
              <MenuItem
                className="menu-item--help"
                label="红e帮帮团"
                hint={helpHint(user)}
                onClick={() => go(ROUTES.help)}
              />
            ) : null}
          </MenuGroup>
          <HealthPackageSection batch={summary?.healthPackage ?? null} onChanged={() => void loadSummary()} />
          {summary ? <ManageGroup tools={summary.tools} /> : null}
          {summary?.tools.healthPackages ? (
            <MenuGroup title="健康大礼包">
              <MenuItem className="menu-item--redeem" label="核销取件码" onClick={() => go(ROUTES.redeem)} />
              <MenuItem
                className="menu-item--package-new"
                label="新建大礼包批次"
                onClick={() => go(ROUTES.packageNew)}
              />
              <MenuItem
                className="menu-item--packages"
                label="批次与领取记录"
                onClick={() => go(ROUTES.packagesManage)}
              />
            </MenuGroup>
          ) : null}
          <MenuGroup className="menu--privacy">
            <MenuItem
              className="menu-item--my-info"
              label="我的信息"
              hint="园区保存的我的信息"
              onClick={() => go(ROUTES.myInfo)}
            />
            <MenuItem className="menu-item--privacy" label="隐私政策" onClick={() => go(ROUTES.privacy)} />
          </MenuGroup>
          <MenuGroup className="menu--settings">
            <MenuItem
              className="menu-item--settings"
              label="设置"
              hint={careMode ? '关怀模式已开启' : '关怀模式 · 退出登录'}
              onClick={() => go(ROUTES.settings)}
            />
          </MenuGroup>
        </>
      ) : null}
    </PageShell>
  )
}

export default function MePage() {
  const session = useAuthGuard()
  useTabBadges()
  return session ? <Profile session={session} /> : null
}
