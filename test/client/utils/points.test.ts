import { formatDelta, ruleLimits, todayLabel } from '@/utils/points'

describe('points labels', () => {
  it('always shows the sign of a change', () => {
    expect(formatDelta(5)).toBe('+5')
    expect(formatDelta(-2)).toBe('-2')
    expect(formatDelta(0)).toBe('0')
  })

  it('says today’s gain', () => {
    expect(todayLabel(3)).toBe('今日 +3')
    expect(todayLabel(0)).toBe('今日 0')
  })

  it('names a rule’s limits in words', () => {
    expect(ruleLimits({ dailyCap: 5, oncePerObject: true })).toEqual(['每日上限5', '每项一次'])
    expect(ruleLimits({ dailyCap: null, oncePerObject: true })).toEqual(['每项一次'])
    expect(ruleLimits({ dailyCap: 8, oncePerObject: false })).toEqual(['每日上限8'])
    expect(ruleLimits({ dailyCap: null, oncePerObject: false })).toEqual([])
  })
})
