import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { PointsEntry, PointsRule } from '../../../../types/api'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import { ApiError, errorMessage } from '@/services/api-error'
import * as points from '@/services/points'
import { formatDelta, ruleLimits, todayLabel } from '@/utils/points'
import { formatDateTime } from '@/utils/time'
import './index.scss'

type Tab = 'history' | 'rules'

interface Totals {
  total: number
  today: number
}

function PointsItem({ entry }: { entry: PointsEntry }) {
  return (
    <View className="points-item">
      <View className="points-item__main">
        <Text className="points-item__reason">{entry.reason}</Text>
        <Text className="points-item__time">{formatDateTime(entry.createdAt)}</Text>
      </View>
      <Text className={cx('points-item__delta', entry.delta < 0 && 'points-item__delta--minus')}>
        {formatDelta(entry.delta)}
      </Text>
    </View>
  )
}

function RuleRow({ rule }: { rule: PointsRule }) {
  const limits = ruleLimits(rule)
  return (
    <View className="points-rule">
      <View className="points-rule__main">
        <Text className="points-rule__name">{rule.name}</Text>
        {rule.description ? <Text className="points-rule__description">{rule.description}</Text> : null}
        {limits.length > 0 ? (
          <View className="points-rule__limits">
            {limits.map((limit) => (
              <Text className="points-rule__limit" key={limit}>
                {limit}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <Text className="points-rule__points">{formatDelta(rule.points)}</Text>
    </View>
  )
}

function Rules({
  rules,
  error,
  onRetry,
}: {
  rules: PointsRule[] | null
  error: string | null
  onRetry: () => void
}) {
  if (error && !rules) return <EmptyState kind="error" text={error} actionText="重试" onAction={onRetry} />
  if (!rules) return <Text className="points-page__loading">加载中…</Text>
  if (rules.length === 0) return <EmptyState text="暂无积分规则" />
  return (
    <View className="points-page__list points-page__rules">
      {rules.map((rule) => (
        <RuleRow key={rule.code} rule={rule} />
      ))}
    </View>
  )
}

function Points() {
  const [tab, setTab] = useState<Tab>('history')
  const [totals, setTotals] = useState<Totals | null>(null)
  const [rules, setRules] = useState<PointsRule[] | null>(null)
  const [rulesError, setRulesError] = useState<string | null>(null)

  // Total and today come with every page of the ledger; the first page's are the freshest.
  const fetchPage = useCallback(async (cursor: string | null) => {
    const page = await points.myPoints(cursor)
    if (!cursor) setTotals({ total: page.total, today: page.today })
    return page
  }, [])
  const list = usePagedList<PointsEntry>(fetchPage)

  const loadRules = useCallback(async () => {
    try {
      setRules(await points.rules())
      setRulesError(null)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setRulesError(errorMessage(e))
    }
  }, [])
  useEffect(() => {
    void loadRules()
  }, [loadRules])

  const refresh = () => Promise.all([list.refresh(), loadRules()])
  const onHistory = tab === 'history'

  const header = (
    <View className="points-page__header">
      <View className="points-summary">
        <Text className="points-summary__label">我的学习积分</Text>
        <Text className="points-summary__total">{totals ? totals.total : '—'}</Text>
        {totals ? <Text className="points-summary__today">{todayLabel(totals.today)}</Text> : null}
        <Text className="points-summary__note">积分只记录你自己的学习和参与，不做排名</Text>
      </View>
      <View className="points-tabs" role="tablist">
        {(
          [
            ['history', '积分明细'],
            ['rules', '积分规则'],
          ] as const
        ).map(([key, label]) => (
          <View
            key={key}
            role="tab"
            aria-selected={tab === key}
            className={cx(
              'points-tabs__tab',
              tab === key && 'points-tabs__tab--active',
              `points-tabs__tab--${key}`,
            )}
            onClick={() => setTab(key)}
          >
            <Text>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  )

  return (
    <PageShell
      className="points-page"
      header={header}
      loading={onHistory && list.loading}
      error={onHistory ? list.error : null}
      onRetry={() => void list.refresh()}
      empty={onHistory && list.items.length === 0}
      emptyText="还没有积分记录"
      emptyHint="阅读通知、学习资料、参加培训和活动即可获得积分"
      emptyActionText="看看积分规则"
      onEmptyAction={() => setTab('rules')}
      onRefresh={refresh}
      onLoadMore={onHistory ? () => void list.loadMore() : undefined}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      {onHistory ? (
        <View className="points-page__list points-page__history">
          {list.items.map((entry) => (
            <PointsItem key={entry.id} entry={entry} />
          ))}
        </View>
      ) : (
        <Rules rules={rules} error={rulesError} onRetry={() => void loadRules()} />
      )}
    </PageShell>
  )
}

export default function PointsPage() {
  const session = useAuthGuard()
  return session ? <Points /> : null
}
