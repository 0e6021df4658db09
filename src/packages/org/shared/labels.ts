import type { AuditEntity, BranchKind, CompanyStatus, JoinRequestStatus, PartyOrg } from '@/services/org'
import { POLITICAL_STATUS_LABELS, ROLE_LABELS } from '@/utils/labels'

export const COMPANY_STATUS_LABELS: Record<CompanyStatus, string> = {
  operating: '在营',
  closed: '已注销或迁出',
}

export const PARTY_ORG_LABELS: Record<PartyOrg, string> = {
  own: '单独建立党支部',
  joint: '联合党支部',
  none: '未建立党组织',
}

export const BRANCH_KIND_LABELS: Record<BranchKind, string> = { own: '单独支部', joint: '联合支部' }

export const JOIN_STATUS_LABELS: Record<JoinRequestStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
}

export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  company: '企业',
  branch: '支部',
  member: '成员',
  invite: '邀请',
  join_request: '入支部申请',
}

const ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  import: '导入',
  bind: '绑定微信',
  approve: '通过',
  reject: '拒绝',
  deactivate: '停用',
  move: '转接',
  invite: '发出邀请',
  request: '申请',
}

/** `member.update` → 成员 · 修改 (unknown verbs as the server wrote them). */
export function auditActionLabel(action: string, entity: AuditEntity): string {
  const verb = action.split('.').pop() ?? action
  return `${AUDIT_ENTITY_LABELS[entity] ?? entity} · ${ACTION_LABELS[verb] ?? verb}`
}

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  industry: '行业',
  status: '状态',
  partyOrg: '党组织',
  instructor: '党建工作指导员',
  instructorId: '党建工作指导员',
  kind: '类型',
  companies: '企业',
  companyIds: '企业',
  secretary: '书记',
  secretaryId: '书记',
  phone: '手机号',
  company: '企业',
  companyId: '企业',
  branch: '支部',
  branchId: '支部',
  politicalStatus: '政治面貌',
  roles: '角色',
  isCeo: '企业CEO',
  birthDate: '出生日期',
  active: '在册',
  bound: '已绑定微信',
  reason: '理由',
  note: '备注',
}

/** Codes the server writes, in the words of the pages. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  politicalStatus: POLITICAL_STATUS_LABELS,
  roles: ROLE_LABELS,
  partyOrg: PARTY_ORG_LABELS,
  kind: BRANCH_KIND_LABELS,
  status: { ...COMPANY_STATUS_LABELS, ...JOIN_STATUS_LABELS },
}

function valueText(value: unknown, key = ''): string {
  if (value === null || value === undefined) return '—'
  const labels = VALUE_LABELS[key]
  if (labels && typeof value === 'string') return labels[value] ?? value
  if (labels && Array.isArray(value))
    return value.map((item) => labels[String(item)] ?? String(item)).join('、')
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) return value.map((item) => valueText(item)).join('、') || '—'
  if (typeof value === 'object') {
    const named = value as { name?: unknown }
    if (typeof named.name === 'string') return named.name
    return JSON.stringify(value)
  }
  return String(value)
}

/** What a change did, field by field: `手机号 138****5678 → 139****0000`. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  return keys
    .filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]))
    .map((key) => {
      const label = FIELD_LABELS[key] ?? key
      if (!before) return `${label}：${valueText(after?.[key], key)}`
      if (!after) return `${label}：${valueText(before[key], key)}（删除）`
      return `${label}：${valueText(before[key], key)} → ${valueText(after[key], key)}`
    })
}
