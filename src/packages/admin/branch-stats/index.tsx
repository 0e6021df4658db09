import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { BranchStats } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { cx } from '@/components/types'
import { type ApiError, toApiError } from '@/services/api-error'
import * as points from '@/services/points'
import { toastError } from '@/utils/toast'
import { monthLabel, monthShort, shiftMonth } from '@/utils/month'
import './index.scss'
import { ToolsGate } from '@/components/tools-gate'

function Figure({ value, label, note }: { value: string | number; label: string; note?: string }) {
  return (
    <View className="stats-figure">
      <Text className="stats-figure__value">{value}</Text>
      <Text className="stats-figure__label">{label}</Text>
      {note ? <Text className="stats-figure__note">{note}</Text> : null}
    </View>
  )
}

/** A breakdown the server counted, as label and count rows. */
function Breakdown({
  title,
  rows,
  unit,
}: {
  title: string
  rows: BranchStats['byPoliticalStatus']
  unit: string
}) {
  if (rows.length === 0) return null
  return (
    <View className="branch-stats__table">
      <Text className="branch-stats__table-title">{title}</Text>
      {rows.map((row) => (
        <View key={row.key} className="branch-stats__row">
          <Text className="branch-stats__cell">{row.label}</Text>
          <Text className="branch-stats__cell">{`${row.count} ${unit}`}</Text>
        </View>
      ))}
    </View>
  )
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`
}

function Stats({ parkWide }: { parkWide: boolean }) {
  const [stats, setStats] = useState<BranchStats | null>(null)
  const [month, setMonth] = useState<string | null>(null)
  // The server's month when the page opened: the latest one there is anything to show for.
  const [currentMonth, setCurrentMonth] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const loaded = useRef(false)

  const load = useCallback(async (wanted: string | null) => {
    try {
      const result = await points.branchStats(wanted ? { month: wanted } : {})
      setStats(result)
      setMonth(result.month)
      setCurrentMonth((current) => current ?? result.month)
      setError(null)
      loaded.current = true
    } catch (e) {
      const apiError = toApiError(e)
      if (loaded.current) toastError(apiError)
      else setError(apiError)
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load(null)
  }, [load])

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: parkWide ? '园区数据' : '支部数据' }).catch(() => undefined)
  }, [parkWide])

  const go = (step: number) => {
    if (!month) return
    void load(shiftMonth(month, step))
  }
  // The month the figures count, in every label (本月 would be wrong once stepped back).
  const shown = stats ? monthShort(stats.month) : ''
  const atLatest = month !== null && currentMonth !== null && month >= currentMonth

  return (
    <PageShell
      className="branch-stats"
      loading={loading}
      error={stats ? null : error}
      onRetry={() => {
        setLoading(true)
        void load(null)
      }}
      onRefresh={() => load(month)}
    >
      {stats ? (
        <>
          <View className="branch-stats__head">
            <Text className="branch-stats__scope">
              {stats.scope === 'park' ? '全园区' : (stats.branch?.name ?? '本支部')}
            </Text>
            <View className="branch-stats__months">
              <View className="branch-stats__step" role="button" onClick={() => go(-1)}>
                <Text>‹ 上月</Text>
              </View>
              <Text className="branch-stats__month">{monthLabel(stats.month)}</Text>
              <View
                className={cx('branch-stats__step', atLatest && 'branch-stats__step--disabled')}
                role="button"
                aria-disabled={atLatest}
                onClick={() => (atLatest ? undefined : go(1))}
              >
                <Text>下月 ›</Text>
              </View>
            </View>
          </View>
          <View className="branch-stats__grid">
            <Figure value={stats.members} label="成员人数" />
            <Figure
              value={stats.activeMembers}
              label={`${shown}参与人数`}
              note={`参与率 ${percent(stats.activeMembers, stats.members)}`}
            />
            <Figure value={stats.pointsTotal} label={`${shown}积分合计`} />
            <Figure value={stats.pointsAverage.toFixed(1)} label={`${shown}人均积分`} />
            <Figure value={stats.noticesRead} label={`${shown}通知阅读次数`} />
            <Figure value={stats.eventsAttended} label={`${shown}活动签到人次`} />
            <Figure value={stats.trainingsAttended} label={`${shown}培训出勤人次`} />
          </View>
          <Breakdown title="政治面貌" rows={stats.byPoliticalStatus} unit="人" />
          <Breakdown title="发展党员各阶段" rows={stats.applicationsByStage} unit="人" />
          {stats.trend.length > 0 ? (
            <View className="branch-stats__table">
              <Text className="branch-stats__table-title">近12个月</Text>
              <View className="branch-stats__row branch-stats__row--head">
                {['月份', '活动签到', '培训出勤', '积分合计'].map((name) => (
                  <Text key={name} className="branch-stats__cell">
                    {name}
                  </Text>
                ))}
              </View>
              {stats.trend.map((point) => (
                <View key={point.month} className="branch-stats__row">
                  <Text className="branch-stats__cell">{monthShort(point.month)}</Text>
                  <Text className="branch-stats__cell">{`${point.eventAttended}/${point.eventSignups}`}</Text>
                  <Text className="branch-stats__cell">{`${point.sessionAttended}/${point.sessionExpected}`}</Text>
                  <Text className="branch-stats__cell">{point.pointsTotal}</Text>
                </View>
              ))}
            </View>
          ) : null}
          <Text className="branch-stats__note">
            仅显示汇总数据，不列出个人积分、不做排名。参与人数指{shown}至少获得一次积分的成员。
          </Text>
        </>
      ) : null}
    </PageShell>
  )
}

export default function BranchStatsPage() {
  return (
    <ToolsGate
      need="organiser"
      denied="仅支部书记和园区管理员可以查看"
      deniedClassName="branch-stats__denied"
    >
      {(tools) => <Stats parkWide={tools?.scope === 'park'} />}
    </ToolsGate>
  )
}
