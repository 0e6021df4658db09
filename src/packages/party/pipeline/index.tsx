import dayjs from 'dayjs'
import Taro, { useDidShow } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApplicationStage, ApplicationSummary, NamedRef } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { type ApiError, toApiError } from '@/services/api-error'
import * as applications from '@/services/applications'
import type { Tools } from '@/stores/tools'
import { exportCsv } from '@/utils/export-csv'
import { toastError, toastSuccess } from '@/utils/toast'
import { openApplication as open, PipelineItem } from '../pipeline-item'
import '../party.scss'

type Tab = 'all' | Exclude<ApplicationStage, 'withdrawn'>
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['all', '全部'],
  ['applied', '申请人'],
  ['activist', '积极分子'],
  ['candidate', '发展对象'],
  ['probationary', '预备党员'],
  ['full', '正式党员'],
]

/** 录入纸质入党申请: a member of the branch, the day on the letter, the birth date if missing. */
function PaperForm({ onCreated }: { onCreated: (id: number) => void }) {
  const [members, setMembers] = useState<NamedRef[] | null>(null)
  const [memberId, setMemberId] = useState<number | null>(null)
  const [appliedAt, setAppliedAt] = useState('')
  const [birthDate, setBirthDate] = useState('')
  const [submitting, setSubmitting] = useState(false)
  useEffect(() => {
    applications.eligibleMembers().then(setMembers, toastError)
  }, [])
  const submit = async () => {
    if (submitting) return
    if (memberId === null) return void Taro.showToast({ title: '请选择成员', icon: 'none' })
    if (!appliedAt.trim()) return void Taro.showToast({ title: '请填写申请书上的日期', icon: 'none' })
    setSubmitting(true)
    try {
      const created = await applications.apply({
        memberId,
        appliedAt: appliedAt.trim(),
        ...(birthDate.trim() ? { birthDate: birthDate.trim() } : {}),
      })
      toastSuccess('已录入')
      onCreated(created.id)
    } catch (e) {
      toastError(e)
    } finally {
      setSubmitting(false)
    }
  }
  return (
    <View className="party-card paper-form">
      <Text className="party-card__title">录入纸质入党申请</Text>
      <View className="party-field">
        <Text className="party-field__label">申请人</Text>
        {members === null ? (
          <Text className="party-card__line">加载中…</Text>
        ) : members.length === 0 ? (
          <Text className="party-card__line">本支部没有可录入的成员</Text>
        ) : (
          <View>
            {members.map((member) => (
              <View
                key={member.id}
                role="radio"
                aria-checked={memberId === member.id}
                className={cx('party-chip', 'paper-form__member', memberId === member.id && 'party-chip--on')}
                onClick={() => setMemberId(member.id)}
              >
                <Text>{member.name}</Text>
              </View>
            ))}
          </View>
        )}
      </View>
      <View className="party-field">
        <Text className="party-field__label">申请书日期</Text>
        <Input
          className="party-input paper-form__date"
          value={appliedAt}
          placeholder="例如 2024-05-01"
          onInput={(event) => setAppliedAt(event.detail.value)}
          aria-label="申请书日期"
        />
      </View>
      <View className="party-field">
        <Text className="party-field__label">出生日期(花名册中没有时填写)</Text>
        <Input
          className="party-input paper-form__birth"
          value={birthDate}
          placeholder="例如 1998-03-01"
          onInput={(event) => setBirthDate(event.detail.value)}
          aria-label="出生日期"
        />
      </View>
      <Button className="party-submit paper-form__submit" loading={submitting} onClick={submit}>
        录入
      </Button>
    </View>
  )
}

function Pipeline({ tools }: { tools: Tools | null }) {
  const parkWide = tools?.scope === 'park'
  const [tab, setTab] = useState<Tab>('all')
  const [items, setItems] = useState<ApplicationSummary[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [paper, setPaper] = useState(false)
  const [exporting, setExporting] = useState(false)
  const shown = useRef(false)

  // The list on screen as a spreadsheet: a file download in the browser; in WeChat the file is
  // downloaded and handed to a chat (or opened) — what the committee receives.
  const exportList = async () => {
    if (exporting) return
    setExporting(true)
    try {
      await exportCsv({
        path: applications.pipelineCsvPath(tab === 'all' ? undefined : tab),
        fileName: `发展党员名单-${dayjs().format('YYYY-MM-DD')}.csv`,
        forbiddenMessage: '只有支部书记和园区管理员可以导出',
      })
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(false)
    }
  }

  const load = useCallback(async (wanted: Tab) => {
    try {
      setItems(await applications.list(wanted === 'all' ? {} : { stage: wanted }))
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load(tab)
  }, [load, tab])
  useDidShow(() => {
    if (shown.current) void load(tab)
    shown.current = true
  })

  const overdue = items?.filter((item) => item.nextStep?.overdue).length ?? 0
  return (
    <PageShell
      className="party pipeline"
      loading={loading}
      error={items ? null : error}
      onRetry={() => {
        setLoading(true)
        void load(tab)
      }}
      onRefresh={() => load(tab)}
      header={<SegmentTabs className="pipeline__tabs" options={TABS} value={tab} onChange={setTab} />}
    >
      {items ? (
        <>
          <View className="party-item__row pipeline__summary">
            <Text className="party-card__line">
              共 {items.length} 人{overdue > 0 ? ` · ${overdue} 人逾期` : ''}
            </Text>
            <View className="pipeline__actions">
              <View
                className="party-action pipeline__export"
                role="button"
                aria-busy={exporting || undefined}
                onClick={() => void exportList()}
              >
                <Text>{exporting ? '导出中…' : '导出CSV'}</Text>
              </View>
              {!parkWide ? (
                <View className="party-action pipeline__paper" role="button" onClick={() => setPaper(!paper)}>
                  <Text>{paper ? '收起' : '录入纸质申请'}</Text>
                </View>
              ) : null}
            </View>
          </View>
          {paper ? (
            <PaperForm
              onCreated={(id) => {
                setPaper(false)
                void load(tab)
                void open(id)
              }}
            />
          ) : null}
          {items.length === 0 ? <Text className="party-card__line pipeline__empty">暂无发展党员</Text> : null}
          {items.map((item) => (
            <PipelineItem key={item.id} item={item} showBranch={parkWide} />
          ))}
        </>
      ) : null}
    </PageShell>
  )
}

export default function PartyPipelinePage() {
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以查看">
      {(tools) => <Pipeline tools={tools} />}
    </ToolsGate>
  )
}
