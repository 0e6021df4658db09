import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ParkStats } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { type ApiError, toApiError } from '@/services/api-error'
import { parkStats } from '@/services/stats'
import { monthLabel, shiftMonth } from '@/utils/month'
import { toastError } from '@/utils/toast'
import { ChartCard } from '../charts/chart-card'
import { percentText } from '../charts/table'
import { breakdownCharts, coverageGauges, monthName, trendCharts } from './figures'
import './index.scss'

function Figure({ value, label }: { value: string | number; label: string }) {
  return (
    <View className="park-stats__figure">
      <Text className="park-stats__value">{value}</Text>
      <Text className="park-stats__label">{label}</Text>
    </View>
  )
}

const hoursText = (hours: number | null) => (hours === null ? '—' : `${hours} 小时`)

function Lacking({ stats }: { stats: ParkStats }) {
  const { lacking } = stats.companies
  return (
    <View className="park-stats__section">
      <Text className="park-stats__section-title">尚未建立党组织的运营企业({lacking.length})</Text>
      {lacking.length === 0 ? (
        <Text className="park-stats__muted">运营企业均已建立党组织</Text>
      ) : (
        lacking.map((company) => (
          <View key={company.id} className="park-stats__company">
            <View className="park-stats__company-main">
              <Text className="park-stats__company-name">{company.name}</Text>
              <Text className="park-stats__muted">{company.industry}</Text>
            </View>
            <Text className={cx('park-stats__tag', company.lacksWork && 'park-stats__tag--alert')}>
              {company.lacksWork ? '未选派指导员' : `指导员 ${company.instructor?.name ?? ''}`}
            </Text>
          </View>
        ))
      )}
    </View>
  )
}

function Stats() {
  const [stats, setStats] = useState<ParkStats | null>(null)
  const [latest, setLatest] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const loaded = useRef(false)

  const load = useCallback(async (month: string | null) => {
    try {
      const result = await parkStats(month ? { month } : {})
      setStats(result)
      setLatest((current) => current ?? result.month)
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

  const gauges = useMemo(() => (stats ? coverageGauges(stats) : []), [stats])
  const trends = useMemo(() => (stats ? trendCharts(stats) : []), [stats])
  const breakdowns = useMemo(() => (stats ? breakdownCharts(stats) : []), [stats])
  const atLatest = stats !== null && latest !== null && stats.month >= latest
  const go = (step: number) => stats && void load(shiftMonth(stats.month, step))
  const shown = stats ? monthName(stats.month) : ''

  return (
    <PageShell
      className="park-stats"
      loading={loading}
      error={stats ? null : error}
      onRetry={() => {
        setLoading(true)
        void load(null)
      }}
      onRefresh={() => load(stats?.month ?? null)}
    >
      {stats ? (
        <>
          <View className="park-stats__head">
            <Text className="park-stats__scope">全园区</Text>
            <View className="park-stats__months">
              <View className="park-stats__step" role="button" onClick={() => go(-1)}>
                <Text>‹ 上月</Text>
              </View>
              <Text className="park-stats__month">{monthLabel(stats.month)}</Text>
              <View
                className={cx('park-stats__step', atLatest && 'park-stats__step--disabled')}
                role="button"
                aria-disabled={atLatest}
                onClick={() => (atLatest ? undefined : go(1))}
              >
                <Text>下月 ›</Text>
              </View>
            </View>
          </View>

          <View className="park-stats__gauges">
            {gauges.map((chart) => (
              <ChartCard key={chart.id} {...chart} />
            ))}
          </View>
          <Text className="park-stats__muted park-stats__targets">
            {stats.coverage.met.organisation && stats.coverage.met.work
              ? '两项覆盖率均已达到目标'
              : `距目标:组织覆盖还差 ${stats.coverage.shortBy.organisation} 家,工作覆盖还差 ${stats.coverage.shortBy.work} 家`}
          </Text>
          <Lacking stats={stats} />

          <View className="park-stats__grid">
            <Figure value={stats.events.held} label={`${shown}活动场次`} />
            <Figure
              value={percentText(stats.attendance.events)}
              label={`活动签到率(${stats.events.attended}/${stats.events.signups})`}
            />
            <Figure value={stats.trainings.held} label={`${shown}培训场次`} />
            <Figure
              value={percentText(stats.attendance.trainings)}
              label={`培训出勤率(${stats.trainings.attended}/${stats.trainings.expected})`}
            />
            <Figure value={stats.points.total} label={`${shown}积分合计`} />
            <Figure value={stats.points.averagePerMember.toFixed(1)} label="人均积分" />
          </View>

          <View className="park-stats__section">
            <Text className="park-stats__section-title">红e帮帮团</Text>
            <View className="park-stats__grid">
              <Figure value={stats.helpRequests.open} label="办理中" />
              <Figure value={stats.helpRequests.resolved} label="已解决" />
              <Figure value={stats.helpRequests.closed} label="已关闭" />
              <Figure
                value={hoursText(stats.helpRequests.firstResponseHours)}
                label={`${shown}平均首次响应`}
              />
              <Figure
                value={percentText(stats.helpRequests.firstResponseOnTime)}
                label={`按时响应(${stats.helpRequests.targets.firstResponseWorkingDays}个工作日,红色通道${stats.helpRequests.targets.priorityFirstResponseWorkingDays}个)`}
              />
              <Figure value={hoursText(stats.helpRequests.resolutionHours)} label={`${shown}平均解决用时`} />
            </View>
          </View>

          {[...trends, ...breakdowns].map((chart) => (
            <ChartCard key={chart.id} {...chart} />
          ))}

          <View className="park-stats__section">
            <Text className="park-stats__section-title">各支部成员</Text>
            {stats.members.byBranch.map((row) => (
              <View key={row.branch.id} className="park-stats__branch">
                <Text className="park-stats__branch-name">{row.branch.name}</Text>
                <Text className="park-stats__muted">
                  {row.members} 人 · 党员 {row.partyMembers}
                </Text>
              </View>
            ))}
          </View>
          <Text className="park-stats__muted park-stats__note">
            仅显示汇总数据,不列出个人、不做排名。覆盖率只计运营中的企业;往月数据为当月月底的情况。
          </Text>
        </>
      ) : null}
    </PageShell>
  )
}

export default function ParkStatsPage() {
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: '园区数据' }).catch(() => undefined)
  }, [])
  return (
    <ToolsGate need="park" denied="仅园区管理员可以查看园区数据" deniedClassName="park-stats__denied">
      {() => <Stats />}
    </ToolsGate>
  )
}
