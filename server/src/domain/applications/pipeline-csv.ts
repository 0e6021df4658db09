import type { ApplicationSummary } from '../../schemas'
import { toCsv } from '../csv'

const HEADER = [
  '姓名',
  '支部',
  '阶段',
  '阶段起始日期',
  '递交申请日期',
  '下一步',
  '最早可办理',
  '截止日期',
  '是否逾期',
] as const

/** The pipeline as the spreadsheet a branch hands in to the committee. */
export function pipelineCsv(items: readonly ApplicationSummary[]): string {
  return toCsv(
    HEADER,
    items.map((item) => [
      item.member.name,
      item.branch.name,
      item.stageName,
      item.stageSince,
      item.appliedOn,
      item.nextStep?.name ?? '已完成',
      item.nextStep?.earliestAt ?? null,
      item.nextStep?.dueBy ?? null,
      item.nextStep?.overdue ? '逾期' : '',
    ]),
  )
}
