import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApplicationOverview, ApplicationSummary } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { ToolsGate } from '@/components/tools-gate'
import { type ApiError, toApiError } from '@/services/api-error'
import * as applications from '@/services/applications'
import { ROUTES } from '@/utils/routes'
import { toastError, toastSuccess } from '@/utils/toast'
import { PipelineItem } from '../pipeline-item'
import '../party.scss'

type Tab = 'waiting' | 'overview'
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['waiting', '待上级党委办理'],
  ['overview', '各支部概况'],
]

function Waiting({ items, onDone }: { items: ApplicationSummary[]; onDone: () => void }) {
  const [busy, setBusy] = useState<number | null>(null)
  const record = async (item: ApplicationSummary) => {
    const next = item.nextStep
    if (!next || busy !== null) return
    const { confirm } = await Taro.showModal({
      title: next.name,
      content: `为 ${item.member.name}(${item.branch.name})记录「${next.name}」,日期为今天。`,
      confirmText: '记录',
    })
    if (!confirm) return
    setBusy(item.id)
    try {
      await applications.recordStep(item.id, { code: next.code })
      toastSuccess('已记录')
      onDone()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }
  if (items.length === 0) return <Text className="party-card__line committee__empty">暂无待办理的事项</Text>
  return (
    <View>
      {items.map((item) => (
        <View key={item.id} className="committee__item">
          <PipelineItem item={item} showBranch />
          <View
            className="party-action committee__record"
            role="button"
            aria-busy={busy === item.id}
            onClick={() => void record(item)}
          >
            <Text>{busy === item.id ? '记录中…' : `记录「${item.nextStep?.name ?? ''}」`}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}

function Overview({ overview }: { overview: ApplicationOverview }) {
  return (
    <View className="party-card committee__overview">
      <View className="party-table__row">
        <Text className="party-table__branch">支部</Text>
        {overview.stages.map((stage) => (
          <Text key={stage.stage} className="party-table__cell">
            {stage.name.replace('入党', '').replace('党员', '')}
          </Text>
        ))}
        <Text className="party-table__cell">逾期</Text>
      </View>
      {[{ branch: { id: 0, name: '合计' }, ...overview.totals }, ...overview.branches].map((row) => (
        <View
          key={row.branch.id}
          className="party-table__row committee__branch"
          role={row.branch.id ? 'link' : undefined}
          onClick={() =>
            row.branch.id ? Taro.navigateTo({ url: ROUTES.partyPipeline }).catch(() => undefined) : undefined
          }
        >
          <Text className="party-table__branch">{row.branch.name}</Text>
          {overview.stages.map((stage) => (
            <Text key={stage.stage} className="party-table__cell">
              {row.byStage[stage.stage] ?? 0}
            </Text>
          ))}
          <Text className="party-table__cell">{row.overdue}</Text>
        </View>
      ))}
    </View>
  )
}

function Committee() {
  const [tab, setTab] = useState<Tab>('waiting')
  const [items, setItems] = useState<ApplicationSummary[] | null>(null)
  const [overview, setOverview] = useState<ApplicationOverview | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const shown = useRef(false)
  const load = useCallback(async () => {
    try {
      const [waiting, counts] = await Promise.all([
        applications.list({ waiting: 'committee' }),
        applications.overview(),
      ])
      setItems(waiting)
      setOverview(counts)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  useDidShow(() => {
    if (shown.current) void load()
    shown.current = true
  })
  return (
    <PageShell
      className="party committee"
      loading={loading}
      error={items ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
      header={<SegmentTabs className="committee__tabs" options={TABS} value={tab} onChange={setTab} />}
    >
      {items && overview ? (
        tab === 'waiting' ? (
          <Waiting items={items} onDone={() => void load()} />
        ) : (
          <Overview overview={overview} />
        )
      ) : null}
    </PageShell>
  )
}

export default function PartyCommitteePage() {
  return (
    <ToolsGate need="park" denied="仅园区管理员(上级党委)可以办理">
      {() => <Committee />}
    </ToolsGate>
  )
}
