import { currentBatch } from '@/utils/health-package'
import { healthPackage } from '../fixtures'

const NOW = Date.parse('2026-11-25T06:00:00.000Z')

describe('currentBatch', () => {
  const past = healthPackage({
    id: 1,
    claimStart: '2026-05-01T01:00:00.000Z',
    claimEnd: '2026-05-20T10:00:00.000Z',
  })
  const open = healthPackage({
    id: 2,
    claimStart: '2026-11-22T01:00:00.000Z',
    claimEnd: '2026-12-09T10:00:00.000Z',
  })
  const next = healthPackage({
    id: 3,
    claimStart: '2027-03-01T01:00:00.000Z',
    claimEnd: '2027-03-20T10:00:00.000Z',
  })

  it('prefers a claim still to pick up, then the open batch, then the next, then the latest', () => {
    const waiting = { ...past, myClaim: { code: 'AB3DEF7H', status: 'claimed' as const } }
    expect(currentBatch([open, waiting, next], NOW)?.id).toBe(1)
    expect(currentBatch([past, next, open], NOW)?.id).toBe(2)
    expect(currentBatch([past, next], NOW)?.id).toBe(3)
    expect(currentBatch([past], NOW)?.id).toBe(1)
    expect(currentBatch([], NOW)).toBeNull()
  })
})
