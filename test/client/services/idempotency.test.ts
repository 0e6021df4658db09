import * as events from '@/services/events'
import * as healthPackages from '@/services/health-packages'
import { saveSession } from '@/stores/session'
import { fakeApi, offline, type RecordedCall } from '../fake-fetch'
import { ceo, member } from '../fixtures'

const keyOf = (call: RecordedCall) => call.headers['Idempotency-Key']

describe('idempotent signup and claim', () => {
  it('sends an Idempotency-Key with a signup, and a new one for the next action', async () => {
    saveSession('token-1', member)
    const calls = fakeApi({
      'POST /api/events/12/signup': { status: 201, body: { status: 'confirmed' } },
      'DELETE /api/events/12/signup': { status: 200, body: { status: 'cancelled' } },
      'POST /api/events/13/signup': { status: 201, body: { status: 'waitlisted', position: 3 } },
    })
    await expect(events.signUp(12)).resolves.toEqual({ status: 'confirmed' })
    await events.cancelSignup(12)
    await events.signUp(12)
    await expect(events.signUp(13)).resolves.toEqual({ status: 'waitlisted', position: 3 })

    const keys = calls.filter((call) => call.method === 'POST').map(keyOf)
    expect(keys).toHaveLength(3)
    keys.forEach((key) => expect(key).toMatch(/^[\x21-\x7e]{8,100}$/))
    expect(new Set(keys).size).toBe(3)
  })

  it('reuses the key when the same signup is retried after a network error', async () => {
    saveSession('token-1', member)
    offline()
    const first = (global.fetch as jest.Mock).mock
    await expect(events.signUp(21)).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
    const lostKey = (first.calls[0][1] as { headers: Record<string, string> }).headers['Idempotency-Key']
    expect(lostKey).toBeTruthy()

    const calls = fakeApi({ 'POST /api/events/21/signup': { status: 201, body: { status: 'confirmed' } } })
    await events.signUp(21)
    expect(keyOf(calls[0])).toBe(lostKey)

    // Answered: the action is over, the next signup is a new one.
    await events.signUp(21)
    expect(keyOf(calls[1])).not.toBe(lostKey)
  })

  it('does not reuse the key after a definite refusal', async () => {
    saveSession('token-1', member)
    const calls = fakeApi({
      'POST /api/events/22/signup': {
        status: 422,
        body: { error: { code: 'SIGNUP_CLOSED', message: '报名已截止' } },
      },
    })
    await expect(events.signUp(22)).rejects.toMatchObject({ code: 'SIGNUP_CLOSED' })
    await expect(events.signUp(22)).rejects.toMatchObject({ code: 'SIGNUP_CLOSED' })
    expect(keyOf(calls[0])).not.toBe(keyOf(calls[1]))
  })

  it('reuses the claim key after a network error, so a retry gets the first code back', async () => {
    saveSession('token-3', ceo)
    offline()
    await expect(healthPackages.claim(1)).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    const lostKey = ((global.fetch as jest.Mock).mock.calls[0][1] as { headers: Record<string, string> })
      .headers['Idempotency-Key']

    const calls = fakeApi({
      'POST /api/health-packages/1/claim': { status: 201, body: { code: 'AB3DEF7H', status: 'claimed' } },
    })
    await expect(healthPackages.claim(1)).resolves.toEqual({ code: 'AB3DEF7H', status: 'claimed' })
    expect(keyOf(calls[0])).toBe(lostKey)
    expect(calls[0].headers.Authorization).toBe('Bearer token-3')
  })
})
