import { objectKeyOf, unitsWithinCap } from '../../../server/src/domain/points/ledger'

describe('points rules', () => {
  it('gives as many units as today’s cap still allows, never fewer than none', () => {
    const rule = { points: 1, daily_cap: 8 }
    expect(unitsWithinCap(rule, 3, 0)).toBe(3)
    expect(unitsWithinCap(rule, 3, 6)).toBe(2)
    expect(unitsWithinCap(rule, 3, 8)).toBe(0)
    expect(unitsWithinCap(rule, 3, 9)).toBe(0)
    expect(unitsWithinCap({ points: 5, daily_cap: null }, 4, 1000)).toBe(4)
    expect(unitsWithinCap({ points: 3, daily_cap: 5 }, 2, 0)).toBe(1)
  })

  it('keys once-per-object awards by the object', () => {
    expect(objectKeyOf('session', 12)).toBe('session:12')
  })
})
