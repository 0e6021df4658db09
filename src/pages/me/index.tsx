import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Me } from '../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import { clearSession, updateUser, type Session } from '@/stores/session'
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

function MenuItem({
  label,
  hint,
  onClick,
  className,
}: {
  label: string
  hint?: string
  onClick: () => void
  className: string
}) {
  return (
    <View className={`menu-item ${className}`} hoverClass="menu-item--active" onClick={onClick}>
      <Text className="menu-item__label">{label}</Text>
      {hint ? <Text className="menu-item__hint">{hint}</Text> : null}
      <Text className="menu-item__arrow" aria-hidden="true">
        ›
      </Text>
    </View>
  )
}

function Profile({ session }: { session: Session }) {
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(!session.user)
  const fetchedAt = useRef(0)
  const healthSection = useRef<HealthPackageSectionHandle>(null)
  const user = session.user
  const hasUser = useRef(!!user)
  hasUser.current = !!user

  const load = useCallback(async () => {
    fetchedAt.current = Date.now()
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

  useEffect(() => {
    void load()
  }, [load])
  useDidShow(() => {
    // Points change elsewhere (reading, sign-ins); refresh when the tab comes back.
    if (Date.now() - fetchedAt.current > 1500) void load()
  })

  const refreshAll = () => Promise.all([load(), healthSection.current?.reload()])

  const logout = () => {
    clearSession()
    Taro.reLaunch({ url: ROUTES.login }).catch(() => undefined)
  }

  return (
    <PageShell
      className="me"
      loading={loading && !user}
      error={user ? null : error}
      onRetry={() => void load()}
      onRefresh={refreshAll}
    >
      {user ? (
        <>
          <ProfileCard user={user} />
          <View className="points-card">
            <Text className="points-card__label">学习积分</Text>
            <View className="points-card__value">
              <Text className="points-card__total">{user.points.total}</Text>
              <Text className="points-card__unit">积分</Text>
            </View>
            <Text className="points-card__hint">阅读通知、参加活动和培训可获得积分</Text>
          </View>
          <View className="menu">
            <MenuItem
              className="menu-item--my-signups"
              label="我的报名"
              hint="已报名与候补"
              onClick={() => go(ROUTES.mySignups)}
            />
          </View>
          <HealthPackageSection ref={healthSection} />
          {canPublishNotices(user) || canOrganiseEvents(user) ? (
            <View className="menu">
              <Text className="menu__title">{isParkAdmin(user) ? '园区管理' : '支部管理'}</Text>
              {canPublishNotices(user) ? (
                <MenuItem
                  className="menu-item--publish"
                  label="发布通知"
                  hint={isParkAdmin(user) ? '园区或支部' : '本支部'}
                  onClick={() => go(ROUTES.noticeNew)}
                />
              ) : null}
              {canOrganiseEvents(user) ? (
                <>
                  <MenuItem
                    className="menu-item--event-new"
                    label="发布活动"
                    hint={isParkAdmin(user) ? '园区或支部' : '本支部'}
                    onClick={() => go(ROUTES.eventNew)}
                  />
                  <MenuItem
                    className="menu-item--events-manage"
                    label="活动管理"
                    hint="报名名单 · 编辑 · 导出"
                    onClick={() => go(ROUTES.eventsManage)}
                  />
                </>
              ) : null}
            </View>
          ) : null}
          {isParkAdmin(user) ? (
            <View className="menu">
              <Text className="menu__title">健康大礼包</Text>
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
            </View>
          ) : null}
          <Button className="logout-button" onClick={logout}>
            退出登录
          </Button>
        </>
      ) : null}
    </PageShell>
  )
}

export default function MePage() {
  const session = useAuthGuard()
  return session ? <Profile session={session} /> : null
}
