import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useMemo, useState } from 'react'
import type { DemoUser } from '../../../types/api'
import { EmptyState } from '@/components/empty-state'
import { Tag } from '@/components/tag'
import { type ApiError, toApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import { DEMO_GROUP_ORDER, demoGroupOf, officeLabels, type DemoGroup } from '@/utils/labels'
import { toastError } from '@/utils/toast'
import type { LoginPanelProps } from './types'
import './login-panel.scss'

/** Accounts a group shows at first (more while searching), and how many more 显示更多 adds. */
const FIRST_PAGE = 3
const SEARCH_PAGE = 10
const PAGE_STEP = 10

function matches(user: DemoUser, query: string) {
  if (!query) return true
  return user.name.includes(query) || (user.branchName ?? '').includes(query)
}

function DemoUserItem({
  user,
  busy,
  onPick,
}: {
  user: DemoUser
  busy: boolean
  onPick: (user: DemoUser) => void
}) {
  const offices = officeLabels(user.roles)
  const detail = [offices.join('、'), user.branchName ?? '联合党委'].filter(Boolean).join(' · ')
  return (
    <View
      className={`demo-user${busy ? ' demo-user--busy' : ''}`}
      hoverClass="demo-user--active"
      onClick={() => onPick(user)}
      aria-label={`以${user.name}（${detail}）登录`}
    >
      <View className="demo-user__avatar" aria-hidden="true">
        <Text>{user.name.slice(0, 1)}</Text>
      </View>
      <View className="demo-user__main">
        <View className="demo-user__top">
          <Text className="demo-user__name">{user.name}</Text>
          {user.isCeo ? <Tag type="gold">CEO</Tag> : null}
        </View>
        <Text className="demo-user__detail">{detail}</Text>
      </View>
      <Text className="demo-user__action">{busy ? '登录中…' : '登录'}</Text>
    </View>
  )
}

/** H5 and development: pick a demo account (the server only offers this while demo login is on). */
export default function LoginPanel({ onLoggedIn }: LoginPanelProps) {
  const [users, setUsers] = useState<DemoUser[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [query, setQuery] = useState('')
  // How many accounts each group shows; a new search starts every group at its first page again.
  const [shown, setShown] = useState<Partial<Record<DemoGroup, number>>>({})
  const [busyId, setBusyId] = useState<number | null>(null)

  const load = async () => {
    setError(null)
    try {
      setUsers(await auth.demoUsers())
    } catch (e) {
      setError(toApiError(e))
    }
  }

  useEffect(() => {
    void load()
  }, [])

  const groups = useMemo(() => {
    const trimmed = query.trim()
    const byGroup = new Map<DemoGroup, DemoUser[]>()
    for (const user of users ?? []) {
      if (!matches(user, trimmed)) continue
      const group = demoGroupOf(user)
      byGroup.set(group, [...(byGroup.get(group) ?? []), user])
    }
    return DEMO_GROUP_ORDER.filter((group) => byGroup.has(group)).map((group) => ({
      group,
      users: byGroup.get(group) ?? [],
    }))
  }, [users, query])

  const firstPage = query.trim() ? SEARCH_PAGE : FIRST_PAGE
  const search = (value: string) => {
    setQuery(value)
    setShown({})
  }
  const showMore = (group: DemoGroup) =>
    setShown((current) => ({ ...current, [group]: (current[group] ?? firstPage) + PAGE_STEP }))

  const pick = async (user: DemoUser) => {
    if (busyId !== null) return
    setBusyId(user.id)
    try {
      onLoggedIn(await auth.demoLogin(user.id))
    } catch (e) {
      toastError(e)
    } finally {
      setBusyId(null)
    }
  }

  if (error?.status === 404) {
    return (
      <EmptyState
        className="login-panel login-panel--disabled"
        kind="error"
        text="演示登录未开启"
        hint="请在微信中打开小程序，使用微信登录。"
      />
    )
  }
  if (error) {
    return (
      <EmptyState
        className="login-panel"
        kind="error"
        text={error.message}
        actionText="重试"
        onAction={load}
      />
    )
  }
  if (!users) {
    return (
      <View className="login-panel">
        <Text className="login-panel__loading">正在加载演示账号…</Text>
      </View>
    )
  }

  return (
    <View className="login-panel login-panel--demo">
      <Text className="login-panel__intro">演示环境：选择一个账号直接登录</Text>
      <View className="login-panel__search">
        <Input
          className="login-panel__search-input"
          type="text"
          placeholder="搜索姓名或支部"
          confirmType="search"
          onInput={(event) => search(event.detail.value)}
          aria-label="搜索姓名或支部"
        />
      </View>
      {groups.length === 0 ? <Text className="login-panel__none">没有找到匹配的账号</Text> : null}
      {groups.map(({ group, users: members }) => {
        const visible = members.slice(0, shown[group] ?? firstPage)
        const hidden = members.length - visible.length
        return (
          <View className="demo-group" key={group}>
            <Text className="demo-group__title">
              {group}（{members.length}）
            </Text>
            <View className="demo-group__list">
              {visible.map((user) => (
                <DemoUserItem key={user.id} user={user} busy={busyId === user.id} onPick={pick} />
              ))}
            </View>
            {hidden > 0 ? (
              <Button className="demo-group__more" onClick={() => showMore(group)}>
                显示更多{group}（还有 {hidden} 人）
              </Button>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
