import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { PoliticalStatus, Role } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { type ApiError, toApiError } from '@/services/api-error'
import * as org from '@/services/org'
import type { Branch, Company, Member, MemberPatch } from '@/services/org'
import type { Tools } from '@/stores/tools'
import { POLITICAL_STATUS_LABELS, ROLE_LABELS } from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import '../shared/org.scss'

const STATUSES = Object.entries(POLITICAL_STATUS_LABELS) as Array<[PoliticalStatus, string]>
/** Offices a park admin hands out; `member` is everyone's. */
const OFFICES: Role[] = ['secretary', 'park_admin', 'helper']

const MESSAGES: Record<string, string> = {
  PHONE_TAKEN: '这个手机号已在名册中',
}

interface Values {
  name: string
  phone: string
  companyId: number | null
  branchId: number | null
  politicalStatus: PoliticalStatus
  isCeo: boolean
  birthDate: string
  roles: Role[]
  active: boolean
}

function valuesOf(member: Member | null, branchId: number | null): Values {
  return {
    name: member?.name ?? '',
    // A masked number is not worth sending back.
    phone: member?.phone && !member.phone.includes('*') ? member.phone : '',
    companyId: member?.company?.id ?? null,
    branchId: member?.branch?.id ?? branchId,
    politicalStatus: member?.politicalStatus ?? 'masses',
    isCeo: member?.isCeo ?? false,
    birthDate: member?.birthDate ?? '',
    roles: member?.roles ?? ['member'],
    active: member?.active ?? true,
  }
}

function MemberForm({
  tools,
  id,
  branchId,
}: {
  tools: Tools | null
  id: number | null
  branchId: number | null
}) {
  const parkAdmin = tools?.scope === 'park'
  const [member, setMember] = useState<Member | null>(null)
  const [values, setValues] = useState<Values>(() => valuesOf(null, branchId))
  const [companies, setCompanies] = useState<Company[]>([])
  const [branches, setBranches] = useState<Branch[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [saving, setSaving] = useState(false)

  const load = useCallback(async () => {
    try {
      const [found, allCompanies, allBranches] = await Promise.all([
        id === null ? Promise.resolve(null) : org.member(id),
        org.allCompanies(),
        parkAdmin ? org.branches() : Promise.resolve([]),
      ])
      setMember(found)
      setValues(valuesOf(found, branchId))
      setCompanies(allCompanies)
      setBranches(allBranches)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id, branchId, parkAdmin])
  useEffect(() => {
    void load()
  }, [load])

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }))

  const save = async () => {
    if (saving) return
    if (!values.name.trim()) return toastInfo('请填写姓名')
    if (!member && !/^1[3-9]\d{9}$/.test(values.phone)) return toastInfo('请填写11位手机号')
    if (values.phone && !/^1[3-9]\d{9}$/.test(values.phone)) return toastInfo('手机号格式不正确')
    if (values.companyId === null) return toastInfo('请选择企业')
    setSaving(true)
    try {
      if (!member) {
        await org.createMember({
          name: values.name.trim(),
          phone: values.phone,
          companyId: values.companyId,
          branchId: values.branchId ?? undefined,
          politicalStatus: values.politicalStatus,
          isCeo: values.isCeo,
          birthDate: values.birthDate || undefined,
        })
        toastSuccess('已添加')
      } else {
        const patch: MemberPatch = {
          name: values.name.trim(),
          companyId: values.companyId,
          politicalStatus: values.politicalStatus,
          isCeo: values.isCeo,
          birthDate: values.birthDate || null,
        }
        if (values.phone) patch.phone = values.phone
        if (parkAdmin) {
          patch.roles = values.roles
          if (values.branchId !== (member.branch?.id ?? null)) patch.branchId = values.branchId
        }
        if (values.active !== member.active) patch.active = values.active
        await org.updateMember(member.id, patch)
        toastSuccess('已保存')
      }
      setTimeout(() => Taro.navigateBack().catch(() => undefined), 1200)
    } catch (e) {
      const failure = toApiError(e)
      if (MESSAGES[failure.code]) toastInfo(MESSAGES[failure.code])
      else toastError(failure)
      setSaving(false)
    }
  }

  const toggleActive = async (active: boolean) => {
    if (active) return set('active', true)
    const { confirm } = await Taro.showModal({
      title: '停用成员',
      content: '停用后此人立即退出登录、不能再登录；历史记录保留。',
      confirmText: '停用',
    })
    set('active', !confirm)
  }

  const companyIndex = companies.findIndex((company) => company.id === values.companyId)
  const company = companyIndex >= 0 ? companies[companyIndex] : null
  const branchIndex = branches.findIndex((branch) => branch.id === values.branchId)
  const statusIndex = STATUSES.findIndex(([code]) => code === values.politicalStatus)

  return (
    <PageShell className="org-page" loading={loading} error={error} onRetry={() => void load()}>
      <View className={cx('org-form', 'org-column', 'member-form')}>
        <View className="org-form__field">
          <Text className="org-form__label">姓名</Text>
          <Input
            className="org-form__input member-form__name"
            value={values.name}
            maxlength={50}
            placeholder="成员姓名"
            onInput={(event) => set('name', event.detail.value)}
            aria-label="姓名"
          />
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">手机号</Text>
          <Input
            className="org-form__input member-form__phone"
            type="number"
            value={values.phone}
            maxlength={11}
            placeholder={member?.phone ? `${member.phone}（不修改可留空）` : '11位手机号'}
            onInput={(event) => set('phone', event.detail.value)}
            aria-label="手机号"
          />
          <Text className="org-form__hint">用于本人手机号快速验证加入，仅园区管理员和本支部书记可见</Text>
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">企业</Text>
          <Picker
            mode="selector"
            range={companies.map((item) => item.name)}
            value={Math.max(companyIndex, 0)}
            onChange={(event) => {
              const chosen = companies[Number(event.detail.value)]
              if (!chosen) return
              set('companyId', chosen.id)
              // A new member goes to the branch covering the company, unless a park admin picks another.
              if (parkAdmin && !member && chosen.branch) set('branchId', chosen.branch.id)
            }}
          >
            <View className="org-form__picker member-form__company">
              <Text>{company?.name ?? '请选择企业'}</Text>
              <Text aria-hidden="true">›</Text>
            </View>
          </Picker>
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">支部</Text>
          {parkAdmin ? (
            <Picker
              mode="selector"
              range={branches.map((item) => item.name)}
              value={Math.max(branchIndex, 0)}
              onChange={(event) => set('branchId', branches[Number(event.detail.value)]?.id ?? null)}
            >
              <View className="org-form__picker member-form__branch">
                <Text>{branches[branchIndex]?.name ?? company?.branch?.name ?? '按企业所属支部'}</Text>
                <Text aria-hidden="true">›</Text>
              </View>
            </Picker>
          ) : (
            <Text className="org-form__fixed">{member?.branch?.name ?? '本支部'}</Text>
          )}
          {parkAdmin && member ? (
            <Text className="org-form__hint">更换支部即组织关系转接，历史记录留在原支部</Text>
          ) : null}
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">政治面貌</Text>
          <Picker
            mode="selector"
            range={STATUSES.map(([, label]) => label)}
            value={Math.max(statusIndex, 0)}
            onChange={(event) =>
              set('politicalStatus', STATUSES[Number(event.detail.value)]?.[0] ?? 'masses')
            }
          >
            <View className="org-form__picker member-form__status">
              <Text>{POLITICAL_STATUS_LABELS[values.politicalStatus]}</Text>
              <Text aria-hidden="true">›</Text>
            </View>
          </Picker>
        </View>
        <View className="org-form__field">
          <Text className="org-form__label">出生日期</Text>
          <Picker
            mode="date"
            value={values.birthDate || '1990-01-01'}
            onChange={(e) => set('birthDate', e.detail.value)}
          >
            <View className="org-form__picker member-form__birth">
              <Text>{values.birthDate || '选填'}</Text>
              <Text aria-hidden="true">›</Text>
            </View>
          </Picker>
        </View>
        <View className="org-form__field org-form__field--row">
          <Text className="org-form__label">企业CEO</Text>
          <Switch
            checked={values.isCeo}
            color="#C8161D"
            onChange={(event) => set('isCeo', event.detail.value)}
            aria-label="企业CEO"
          />
        </View>
        {parkAdmin && member ? (
          <View className="org-form__field">
            <Text className="org-form__label">角色</Text>
            <View className="org-form__options">
              {OFFICES.map((role) => {
                const held = values.roles.includes(role)
                return (
                  <View
                    key={role}
                    className={cx('org-option', held && 'org-option--selected')}
                    role="checkbox"
                    aria-checked={held}
                    onClick={() =>
                      set('roles', held ? values.roles.filter((r) => r !== role) : [...values.roles, role])
                    }
                  >
                    <Text>
                      {held ? '✓ ' : ''}
                      {ROLE_LABELS[role]}
                    </Text>
                  </View>
                )
              })}
            </View>
            <Text className="org-form__hint">支部书记请在「支部」中指定，每个支部一位</Text>
          </View>
        ) : null}
        {member ? (
          <View className="org-form__field org-form__field--row">
            <View>
              <Text className="org-form__label">在册</Text>
              <Text className="org-form__hint">关闭即停用：离开园区的人，历史保留</Text>
            </View>
            <Switch
              checked={values.active}
              color="#C8161D"
              onChange={(event) => void toggleActive(event.detail.value)}
              aria-label="在册"
            />
          </View>
        ) : null}
        <Button className="org-form__submit" loading={saving} onClick={() => void save()}>
          {member ? '保存' : '添加成员'}
        </Button>
        {member && member.active && !member.bound ? (
          <Button
            className="org-form__secondary"
            onClick={() => Taro.navigateTo({ url: ROUTES.memberInvite(member.id) }).catch(() => undefined)}
          >
            生成邀请码
          </Button>
        ) : null}
      </View>
    </PageShell>
  )
}

export default function MemberEditPage() {
  const { params } = useRouter()
  const id = params.id ? Number(params.id) : null
  const branchId = params.branchId ? Number(params.branchId) : null
  useEffect(() => {
    if (id === null) Taro.setNavigationBarTitle({ title: '添加成员' }).catch(() => undefined)
  }, [id])
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以编辑名册">
      {(tools) => <MemberForm tools={tools} id={id} branchId={branchId} />}
    </ToolsGate>
  )
}
