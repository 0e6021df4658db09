import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { ApiError, toApiError } from '@/services/api-error'
import * as org from '@/services/org'
import type { Company, CompanyStatus, Member } from '@/services/org'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import { COMPANY_STATUS_LABELS, PARTY_ORG_LABELS } from '../shared/labels'
import '../shared/org.scss'

const STATUSES = Object.entries(COMPANY_STATUS_LABELS) as Array<[CompanyStatus, string]>

/** 党建工作指导员: a roster member, found by name. */
function InstructorField({
  value,
  onChange,
}: {
  value: { id: number; name: string } | null
  onChange: (member: { id: number; name: string } | null) => void
}) {
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Member[]>([])
  const search = async () => {
    if (!query.trim()) return
    try {
      setFound((await org.members({ q: query.trim() })).items.slice(0, 5))
    } catch (e) {
      toastError(e)
    }
  }
  return (
    <View className="org-form__field">
      <Text className="org-form__label">党建工作指导员</Text>
      <Text className="org-form__fixed company-form__instructor">
        {value?.name ?? '未指派'}
        {value ? (
          <Text className="org-form__hint" onClick={() => onChange(null)}>
            {' '}
            移除
          </Text>
        ) : null}
      </Text>
      <View className="org-toolbar">
        <Input
          className="org-toolbar__search"
          value={query}
          placeholder="搜索名册中的姓名"
          onInput={(event) => setQuery(event.detail.value)}
          aria-label="搜索指导员"
        />
        <Button className="org-toolbar__button" onClick={() => void search()}>
          查找
        </Button>
      </View>
      <View className="org-form__options">
        {found.map((member) => (
          <View
            key={member.id}
            className="org-option"
            onClick={() => {
              onChange({ id: member.id, name: member.name })
              setFound([])
            }}
          >
            <Text>
              {member.name}（{member.company?.name ?? '—'}）
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function CompanyForm({ id }: { id: number | null }) {
  const [company, setCompany] = useState<Company | null>(null)
  const [name, setName] = useState('')
  const [industry, setIndustry] = useState('')
  const [status, setStatus] = useState<CompanyStatus>('operating')
  const [instructor, setInstructor] = useState<{ id: number; name: string } | null>(null)
  const [loading, setLoading] = useState(id !== null)
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)

  const load = useCallback(async () => {
    if (id === null) return
    try {
      const found = (await org.allCompanies()).find((item) => item.id === id)
      if (!found) throw new ApiError(404, 'NOT_FOUND', '企业不存在')
      setCompany(found)
      setName(found.name)
      setIndustry(found.industry)
      setStatus(found.status)
      setInstructor(found.instructor)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  const save = async () => {
    if (saving) return
    if (!name.trim()) return toastInfo('请填写企业名称')
    if (!industry.trim()) return toastInfo('请填写所属行业')
    setSaving(true)
    const input = {
      name: name.trim(),
      industry: industry.trim(),
      status,
      instructorId: instructor?.id ?? null,
    }
    try {
      if (company) await org.updateCompany(company.id, input)
      else await org.createCompany(input)
      toastSuccess(company ? '已保存' : '已新增')
      setTimeout(() => Taro.navigateBack().catch(() => undefined), 1200)
    } catch (e) {
      toastError(e)
      setSaving(false)
    }
  }

  const statusIndex = STATUSES.findIndex(([code]) => code === status)
  return (
    <PageShell className="org-page" loading={loading} error={error} onRetry={() => void load()}>
      <View className="org-form org-column company-form">
        <View className="org-form__field">
          <Text className="org-form__label">企业名称</Text>
          <Input
            className="org-form__input"
            value={name}
            maxlength={100}
            placeholder="例如：码上通科技有限公司"
            onInput={(event) => setName(event.detail.value)}
            aria-label="企业名称"
          />
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">所属行业</Text>
          <Input
            className="org-form__input"
            value={industry}
            maxlength={50}
            placeholder="例如：软件和信息技术服务"
            onInput={(event) => setIndustry(event.detail.value)}
            aria-label="所属行业"
          />
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">经营状态</Text>
          <Picker
            mode="selector"
            range={STATUSES.map(([, label]) => label)}
            value={Math.max(statusIndex, 0)}
            onChange={(event) => setStatus(STATUSES[Number(event.detail.value)]?.[0] ?? 'operating')}
          >
            <View className="org-form__picker">
              <Text>{COMPANY_STATUS_LABELS[status]}</Text>
              <Text aria-hidden="true">›</Text>
            </View>
          </Picker>
        </View>
        {company ? (
          <View className="org-form__field">
            <Text className="org-form__label">党组织</Text>
            <Text className="org-form__fixed">
              {PARTY_ORG_LABELS[company.partyOrg]}
              {company.branch ? `：${company.branch.name}` : ''}
            </Text>
            <Text className="org-form__hint">由覆盖本企业的支部决定，请在「支部」中设置</Text>
          </View>
        ) : null}
        <InstructorField value={instructor} onChange={setInstructor} />
        <Button className="org-form__submit" loading={saving} onClick={() => void save()}>
          {company ? '保存' : '新增企业'}
        </Button>
      </View>
    </PageShell>
  )
}

export default function CompanyEditPage() {
  const { params } = useRouter()
  const id = params.id ? Number(params.id) : null
  useEffect(() => {
    if (id === null) Taro.setNavigationBarTitle({ title: '新增企业' }).catch(() => undefined)
  }, [id])
  return (
    <ToolsGate need="park" denied="仅园区管理员可以管理企业">
      {() => <CompanyForm id={id} />}
    </ToolsGate>
  )
}
