import { Type, type Static } from '@sinclair/typebox'

/*
 * 红e帮帮团 help requests. The flow and who may move it live in
 * `domain/help-requests/rules.ts`; the codes are listed here for the API's validation.
 */

const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

export const HELP_CATEGORIES = ['policy', 'tax', 'finance', 'talent', 'space', 'other'] as const
export const HelpCategory = literals(HELP_CATEGORIES, '政策咨询 / 税务 / 融资 / 人才招聘 / 场地 / 其他')
export type HelpCategory = Static<typeof HelpCategory>

export const HELP_CATEGORY_NAMES: Record<HelpCategory, string> = {
  policy: '政策咨询',
  tax: '税务',
  finance: '融资',
  talent: '人才招聘',
  space: '场地',
  other: '其他',
}

export const HELP_STATUSES = ['submitted', 'assigned', 'in_progress', 'resolved', 'closed'] as const
export const HelpStatus = literals(HELP_STATUSES, '待分派 → 已分派 → 处理中 → 已解决 → 已关闭')
export type HelpStatus = Static<typeof HelpStatus>

export const HELP_PRIORITIES = ['high', 'normal'] as const
export const HelpPriority = literals(HELP_PRIORITIES, 'high: 红色服务通道 (the company has a party organisation)')
export type HelpPriority = Static<typeof HelpPriority>

/** What a history row records. */
export const HELP_EVENT_KINDS = ['submitted', 'assigned', 'status', 'reopened', 'replied', 'rated'] as const
export type HelpEventKind = (typeof HELP_EVENT_KINDS)[number]
