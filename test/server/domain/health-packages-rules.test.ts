import type { HealthPackage } from '../../../server/src/schemas'
import {
  checkClaimWindow,
  currentBatch,
  ineligibleReason,
  packageStatus,
} from '../../../server/src/domain/health-packages/rules'

const T = Date.parse('2026-11-24T06:00:00.000Z')
const iso = (ms: number) => new Date(ms).toISOString()
const HOUR = 3600_000

describe('health-package rules', () => {
  it('is for party-member CEOs, full or probationary, and says why not to everyone else', () => {
    expect(ineligibleReason({ isCeo: true, politicalStatus: 'party_member' })).toBeNull()
    expect(ineligibleReason({ isCeo: true, politicalStatus: 'probationary' })).toBeNull()
    expect(ineligibleReason({ isCeo: true, politicalStatus: 'activist' })).toBe('仅限党员(含预备党员)CEO领取')
    expect(ineligibleReason({ isCeo: false, politicalStatus: 'party_member' })).toBe(
      '仅限园区企业党员CEO领取',
    )
  })

  it('says not started, open, sold out or ended; a window that is over is ended, stock or not', () => {
    const batch = { claim_start: iso(T), claim_end: iso(T + HOUR), remaining: 1 }
    expect(packageStatus(batch, new Date(T - 1))).toBe('not_started')
    expect(packageStatus(batch, new Date(T))).toBe('open')
    expect(packageStatus({ ...batch, remaining: 0 }, new Date(T))).toBe('sold_out')
    expect(packageStatus(batch, new Date(T + HOUR))).toBe('open')
    expect(packageStatus({ ...batch, remaining: 0 }, new Date(T + HOUR + 1))).toBe('ended')
  })

  it('takes a new batch only for a window that has not ended', () => {
    expect(() => checkClaimWindow(iso(T - HOUR), iso(T), new Date(T))).not.toThrow()
    expect(() => checkClaimWindow(iso(T - HOUR), iso(T - 1), new Date(T))).toThrow('claimEnd')
    expect(() => checkClaimWindow(iso(T), iso(T), new Date(T))).toThrow('claimEnd')
  })

  it('shows on 我的 the claim not picked up, else the open batch, the next, the latest', () => {
    const batch = (id: number, status: HealthPackage['status'], claim: HealthPackage['myClaim'] = null) =>
      ({ id, status, claimStart: iso(T + id * HOUR), myClaim: claim }) as HealthPackage
    expect(currentBatch([batch(1, 'open'), batch(2, 'ended', { code: 'A', status: 'claimed' })])?.id).toBe(2)
    expect(currentBatch([batch(3, 'not_started'), batch(2, 'sold_out'), batch(1, 'ended')])?.id).toBe(2)
    expect(currentBatch([batch(5, 'not_started'), batch(4, 'not_started'), batch(1, 'ended')])?.id).toBe(4)
    expect(currentBatch([batch(2, 'ended', { code: 'B', status: 'redeemed' }), batch(1, 'ended')])?.id).toBe(
      2,
    )
    expect(currentBatch([])).toBeNull()
  })
})
