import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Me } from '../../../types/api'
import { MenuGroup, MenuItem } from '@/components/menu-list'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import { useCareMode } from '@/stores/care-mode'
import { updateUser, type Session } from '@/stores/session'
import {
  canOrganiseEvents,
  canPublishNotices,
  isParkAdmin,
  officeLabels,
  POLITICAL_STATUS_LABELS,
} from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import { toastError } from '@/utils/toast'
import { HealthPackageSection, type HealthPackageSectionHandle } from './health-package-section'
import { PointsCard } from './points-card'
import { coursesHint, loadSummary, signupHint, type MeSummary } from './summary'
import './index.scss'

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

/** Organiser tools: secretaries for their branch, park admins for the park. */
function ManageGroup({ user }: { user: Me }) {
  const parkAdmin = isParkAdmin(user)
  if (!canPublishNotices(user) && !canOrganiseEvents(user)) return null
  return (
    <MenuGroup title={parkAdmin ? '园区管理' : '支部管理'} className="menu--manage">
      {canPublishNotices(user) ? (
        <MenuItem
          className="menu-item--publish"
          label="发布通知"
          hint={parkAdmin ? '园区或支部' : '本支部'}
          onClick={() => go(ROUTES.noticeNew)}
        />
      ) : null}
      {canOrganiseEvents(user) ? (
        <>
          <MenuItem
            className="menu-item--event-new"
            label="发布活动"
            hint={parkAdmin ? '园区或支部' : '本支部'}
            onClick={() => go(ROUTES.eventNew)}
          />
          <MenuItem
            className="menu-item--events-manage"
            label="活动管理"
            hint="报名名单 · 扫码签到 · 导出"
            onClick={() => go(ROUTES.eventsManage)}
          />
          <MenuItem
            className="menu-item--sessions-manage"
            label="签到管理"
            hint="培训签到屏 · 考勤"
            onClick={() => go(ROUTES.sessionsManage)}
          />
        </>
      ) : null}
      <MenuItem
        className="menu-item--card-verify"
        label="名片核验"
        hint="扫描党员名片二维码"
        onClick={() => go(ROUTES.cardVerify)}
      />
      <MenuItem
        className="menu-item--branch-stats"
        label={parkAdmin ? '园区数据' : '支部数据'}
        hint="积分与参与情况汇总"
        onClick={() => go(ROUTES.branchStats)}
      />
    </MenuGroup>
  )
}

function Profile({ session }: { session: Session }) {
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(!session.user)
  const [summary, setSummary] = useState<MeSummary | null>(null)
  const careMode = useCareMode()
  const fetchedAt = useRef(0)
  const healthSection = useRef<HealthPackageSectionHandle>(null)
  const user = session.user
  const hasUser = useRef(!!user)
  hasUser.current = !!user

  const loadProfile = useCallback(async () => {
    try {
      updateUser(await auth.me())
      setError(null)
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) return
      // A cached profile stays on screen; without one the error replaces it.
      if (hasUser.current) toastError(e)
      else setError(e)
    } finally {
      setLoading(false)
    }
  }, [])

  const loadAll = useCallback(async () => {
    fetchedAt.current = Date.now()
    await Promise.all([loadProfile(), loadSummary().then(setSummary)])
  }, [loadProfile])

  useEffect(() => {
    void loadAll()
  }, [loadAll])
  useDidShow(() => {
    // Points, signups and courses change elsewhere; refresh when the tab comes back.
    if (Date.now() - fetchedAt.current > 1500) void loadAll()
  })

  const refreshAll = () => Promise.all([loadAll(), healthSection.current?.reload()])

  return (
    <PageShell
      className="me"
      loading={loading && !user}
      error={user ? null : error}
      onRetry={() => void loadAll()}
      onRefresh={refreshAll}
    >
      {user ? (
        <>
          <ProfileCard user={user} />
          <PointsCard
            summary={summary?.points ?? null}
            fallbackTotal={user.points.total}
            onOpen={() => go(ROUTES.points)}
          />
          <MenuGroup className="menu--mine">
            <MenuItem
              className="menu-item--card"
              label="我的党员名片"
              hint="出示二维码"
              onClick={() => go(ROUTES.memberCard)}
            />
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
          </MenuGroup>
          <HealthPackageSection ref={healthSection} />
          <ManageGroup user={user} />
          {isParkAdmin(user) ? (
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
  return session ? <Profile session={session} /> : null
}
