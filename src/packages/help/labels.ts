import type { HelpCategory, HelpStatus, HelpStatusAction, HelpTiming } from '../../../types/api'
import { formatDateTime } from '@/utils/time'

/** The categories in the order the form offers them (names as in the contract). */
export const CATEGORY_OPTIONS: ReadonlyArray<readonly [HelpCategory, string]> = [
  ['policy', '政策咨询'],
  ['tax', '税务'],
  ['finance', '融资'],
  ['talent', '人才招聘'],
  ['space', '场地'],
  ['other', '其他'],
]

export const STATUS_LABELS: Record<HelpStatus, string> = {
  submitted: '待分派',
  assigned: '已分派',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
}

export const ACTION_LABELS: Record<HelpStatusAction, string> = {
  in_progress: '开始处理',
  resolved: '标记已解决',
  closed: '关闭求助',
  reopened: '重新打开',
}

/** The park's response target as the server measured it, in one line. */
export function timingLine(timing: HelpTiming, status: HelpStatus): { text: string; late: boolean } {
  if (timing.firstResponseAt === null && status !== 'closed') {
    return timing.responseOverdue
      ? { text: `首次答复已超时（应于 ${formatDateTime(timing.responseDueAt)} 前）`, late: true }
      : { text: `请于 ${formatDateTime(timing.responseDueAt)} 前首次答复`, late: false }
  }
  if (timing.resolvedAt === null && (status === 'assigned' || status === 'in_progress')) {
    return timing.resolutionOverdue
      ? { text: `办结已超时（应于 ${formatDateTime(timing.resolutionDueAt)} 前）`, late: true }
      : { text: `请于 ${formatDateTime(timing.resolutionDueAt)} 前办结`, late: false }
  }
  if (timing.resolvedAt !== null) {
    return { text: timing.resolutionOverdue ? '已解决 · 超出办结时限' : '已解决 · 按时办结', late: false }
  }
  return { text: '', late: false }
}
