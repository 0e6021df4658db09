import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { ApiError, toApiError } from '@/services/api-error'
import * as org from '@/services/org'
import type { Branch, BranchKind, Company, Member } from '@/services/org'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import { BRANCH_KIND_LABELS } from '../shared/labels'
import '../shared/org.scss'

const KINDS = Object.entries(BRANCH_KIND_LABELS) as Array<[BranchKind, string]>

function BranchForm({ id }: { id: number | null }) {
  const [branch, setBranch] = useState<Branch | null>(null)
  const [companies, setCompanies] = useState<Company[]>([])
  const [members, setMembers] = useState<Member[]>([])
  const [name, setName] = useState('')
  const [kind, setKind] = useState<BranchKind>('own')
  const [companyIds, setCompanyIds] = useState<number[]>([])
  const [secretaryId, setSecretaryId] = useState<number | null>(null)
  const [secretaryQuery, setSecretaryQuery] = useState('')
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)
  const [saving, setSaving] = useState(false)

  const load = useCallback(async () => {
    try {
      const [allCompanies, allBranches, roster] = await Promise.all([
        org.allCompanies(),
        id === null ? Promise.resolve([]) : org.branches(),
        id === null ? Promise.resolve([]) : org.allMembers({ branchId: id }),
      ])
      setCompanies(allCompanies.filter((company) => company.status === 'operating'))
      if (id !== null) {
        const found = allBranches.find((item) => item.id === id)
        if (!found) throw new ApiError(404, 'NOT_FOUND', '支部不存在')
        setBranch(found)
        setName(found.name)
        setKind(found.kind)
        setCompanyIds(found.companies.map((company) => company.id))
        setSecretaryId(found.secretary?.id ?? null)
        setMembers(roster)
      }
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

  const toggleCompany = (companyId: number) => {
    if (kind === 'own') return setCompanyIds([companyId])
    setCompanyIds((ids) =>
      ids.includes(companyId) ? ids.filter((x) => x !== companyId) : [...ids, companyId],
    )
  }

  const save = async () => {
    if (saving) return
    if (!name.trim()) return toastInfo('请填写支部名称')
    if (companyIds.length === 0) return toastInfo('请选择支部覆盖的企业')
    if (kind === 'joint' && !branch && companyIds.length < 2) return toastInfo('联合支部至少覆盖两家企业')
    setSaving(true)
    try {
      if (branch) {
        await org.updateBranch(branch.id, {
          name: name.trim(),
          companyIds,
          ...(secretaryId !== (branch.secretary?.id ?? null) ? { secretaryId } : {}),
        })
      } else {
        await org.createBranch({ name: name.trim(), kind, companyIds })
      }
      toastSuccess(branch ? '已保存' : '已新建')
      setTimeout(() => Taro.navigateBack().catch(() => undefined), 1200)
    } catch (e) {
      toastError(e)
      setSaving(false)
    }
  }

  return (
    <PageShell className="org-page" loading={loading} error={error} onRetry={() => void load()}>
      <View className="org-form org-column branch-form">
        <View className="org-form__field">
          <Text className="org-form__label">支部名称</Text>
          <Input
            className="org-form__input"
            value={name}
            maxlength={50}
            placeholder="例如：创新园第一联合党支部"
            onInput={(event) => setName(event.detail.value)}
            aria-label="支部名称"
          />
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">类型</Text>
          {branch ? (
            <Text className="org-form__fixed">{BRANCH_KIND_LABELS[branch.kind]}</Text>
          ) : (
            <View className="org-form__options">
              {KINDS.map(([code, label]) => (
                <View
                  key={code}
                  className={cx('org-option', kind === code && 'org-option--selected')}
                  role="radio"
                  aria-checked={kind === code}
                  onClick={() => {
                    setKind(code)
                    if (code === 'own') setCompanyIds((ids) => ids.slice(0, 1))
                  }}
                >
                  <Text>{label}</Text>
                </View>
              ))}
            </View>
          )}
          <Text className="org-form__hint">联合支部覆盖几家党员人数不足的小企业</Text>
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">覆盖企业{kind === 'joint' ? '（可多选）' : ''}</Text>
          <View className="org-form__options">
            {companies.map((company) => {
              const chosen = companyIds.includes(company.id)
              return (
                <View
                  key={company.id}
                  className={cx('org-option', chosen && 'org-option--selected')}
                  role="checkbox"
                  aria-checked={chosen}
                  onClick={() => toggleCompany(company.id)}
                >
                  <Text>
                    {chosen ? '✓ ' : ''}
                    {company.name}
                  </Text>
                </View>
              )
            })}
          </View>
          {companies.length === 0 ? <Text className="org-form__hint">请先在「企业」中新增企业</Text> : null}
        </View>
        {branch ? (
          <View className="org-form__field">
            <Text className="org-form__label">支部书记</Text>
            <Text className="org-form__fixed branch-form__secretary">
              {members.find((member) => member.id === secretaryId)?.name ??
                branch.secretary?.name ??
                '未设置'}
            </Text>
            <Input
              className="org-form__input branch-form__secretary-search"
              value={secretaryQuery}
              placeholder="输入姓名查找本支部成员"
              onInput={(event) => setSecretaryQuery(event.detail.value)}
              aria-label="查找支部书记"
            />
            <View className="org-form__options">
              {members
                .filter((member) => secretaryQuery.trim() && member.name.includes(secretaryQuery.trim()))
                .slice(0, 8)
                .map((member) => (
                  <View
                    key={member.id}
                    className={cx('org-option', member.id === secretaryId && 'org-option--selected')}
                    role="radio"
                    aria-checked={member.id === secretaryId}
                    onClick={() => setSecretaryId(member.id)}
                  >
                    <Text>
                      {member.id === secretaryId ? '✓ ' : ''}
                      {member.name}
                    </Text>
                  </View>
                ))}
            </View>
            {members.length === 0 ? (
              <Text className="org-form__hint">支部还没有成员：先在「名册」中添加或导入</Text>
            ) : (
              <Text className="org-form__hint">每个支部一位书记；换人后原书记不再是书记</Text>
            )}
          </View>
        ) : null}
        <Button className="org-form__submit" loading={saving} onClick={() => void save()}>
          {branch ? '保存' : '新建支部'}
        </Button>
      </View>
    </PageShell>
  )
}

export default function BranchEditPage() {
  const { params } = useRouter()
  const id = params.id ? Number(params.id) : null
  useEffect(() => {
    if (id === null) Taro.setNavigationBarTitle({ title: '新建支部' }).catch(() => undefined)
  }, [id])
  return (
    <ToolsGate need="park" denied="仅园区管理员可以管理支部">
      {() => <BranchForm id={id} />}
    </ToolsGate>
  )
}
