import type { PointsRule } from '../../types/api'

/** `+5`, `-2`, `0`: the sign always shows, so a deduction never reads as a gain. */
export function formatDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta)
}

/** `今日 +3`; `今日 0` on a day without points. */
export function todayLabel(today: number): string {
  return `今日 ${today === 0 ? '0' : formatDelta(today)}`
}

/** The limits of a rule in words: 每日上限8, 每项一次. */
export function ruleLimits(rule: Pick<PointsRule, 'dailyCap' | 'oncePerObject'>): string[] {
  const limits: string[] = []
  if (rule.dailyCap !== null) limits.push(`每日上限${rule.dailyCap}`)
  if (rule.oncePerObject) limits.push('每项一次')
  return limits
}
