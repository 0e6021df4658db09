import type {
  ClaimResult,
  HealthPackage,
  HealthPackageList,
  PackageClaimList,
  RedeemResult,
} from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const SECOND = 1000
const HOUR = 3600 * SECOND
/** The app's clock: claim windows are judged by it. */
let clock = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()
const inHours = (hours: number) => iso(clock + hours * HOUR)

type Headers = Record<string, string>

describe.each(databases)('CEO health packages on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let member: Headers
  /** Party-member CEOs: the ones the package is for. */
  let ceos: number[]
  /** CEOs who are not party members. */
  let otherCeos: number[]

  beforeAll(async () => {
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    member = tokenFor(t.app, people.plainMembers[0]!.id)
    const allCeos = await t.app.db
      .selectFrom('users')
      .select(['id', 'political_status'])
      .where('is_ceo', '=', 1)
      .orderBy('id')
      .execute()
    const inParty = (status: string) => status === 'party_member' || status === 'probationary'
    ceos = allCeos.filter((user) => inParty(user.political_status)).map((user) => user.id)
    otherCeos = allCeos.filter((user) => !inParty(user.political_status)).map((user) => user.id)
  })
  afterAll(() => t.close())

  const createBatch = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/health-packages',
      headers: admin,
      payload: {
        name: '党员CEO健康大礼包(测试批次)',
        description: '年度体检套餐一份',
        stock: 5,
        claimStart: inHours(-1),
        claimEnd: inHours(24),
        ...overrides,
      },
    })
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`)
    return response.json<HealthPackage>()
  }
  const claim = (id: number, headers: Headers) =>
    t.app.inject({ method: 'POST', url: `/api/health-packages/${id}/claim`, headers })
  const redeem = (code: string, headers: Headers = admin) =>
    t.app.inject({ method: 'POST', url: '/api/health-packages/redeem', headers, payload: { code } })
  const list = async (headers: Headers) =>
    (await t.app.inject({ method: 'GET', url: '/api/health-packages', headers })).json<HealthPackageList>()
      .items
  const remaining = async (id: number) =>
    (
      await t.app.db
        .selectFrom('health_packages')
        .select('remaining')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).remaining

  it('seeds one open batch with less stock than there are CEOs', async () => {
    const seeded = (await list(tokenFor(t.app, ceos[0]!))).find((item) => item.name.includes('2026冬季'))
    expect(ceos.length + otherCeos.length).toBe(16)
    expect(seeded).toMatchObject({
      name: '党员CEO健康大礼包(2026冬季)',
      eligible: true,
      ineligibleReason: null,
    })
    expect(seeded!.stock).toBeLessThan(ceos.length)
    expect(seeded!.remaining).toBeLessThan(seeded!.stock)
    expect(Date.parse(seeded!.claimStart)).toBeLessThan(clock)
    expect(Date.parse(seeded!.claimEnd)).toBeGreaterThan(clock)
  })

  it('tells a non-CEO why they are not eligible, and refuses their claim', async () => {
    const batch = await createBatch()
    const item = (await list(member)).find((entry) => entry.id === batch.id)
    expect(item).toMatchObject({
      eligible: false,
      ineligibleReason: '仅限园区企业党员CEO领取',
      myClaim: null,
    })
    const response = await claim(batch.id, member)
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('NOT_ELIGIBLE')
    expect(await remaining(batch.id)).toBe(5)
  })

  it('keeps the 党员CEO package to CEOs who are party members, and says why to the others', async () => {
    expect(otherCeos.length).toBeGreaterThan(0)
    const batch = await createBatch()
    const ceo = tokenFor(t.app, otherCeos[0]!)
    expect((await list(ceo)).find((entry) => entry.id === batch.id)).toMatchObject({
      eligible: false,
      ineligibleReason: '仅限党员(含预备党员)CEO领取',
    })
    const response = await claim(batch.id, ceo)
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: expect.stringContaining('党员'),
    })
    expect(await remaining(batch.id)).toBe(5)
    expect((await claim(batch.id, tokenFor(t.app, ceos[0]!))).statusCode).toBe(201)
  })

  it('more concurrent CEOs than stock: exactly `stock` winners, the rest OUT_OF_STOCK', async () => {
    const batch = await createBatch({ stock: 5 })
    const crowd = [...ceos, ...(await addMembers(t.app, 24, { isCeo: true }))]
    const responses = await Promise.all(crowd.map((id) => claim(batch.id, tokenFor(t.app, id))))
    const winners = responses.filter((response) => response.statusCode === 201)
    expect(winners).toHaveLength(5)
    const losers = responses.filter((response) => response.statusCode !== 201)
    expect(losers.map((response) => [response.statusCode, response.json().error.code])).toEqual(
      Array.from({ length: crowd.length - 5 }, () => [410, 'OUT_OF_STOCK']),
    )
    const codes = winners.map((response) => response.json<ClaimResult>().code)
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/)
    expect(new Set(codes).size).toBe(5)
    expect(await remaining(batch.id)).toBe(0)
    const claims = await t.app.db
      .selectFrom('health_claims')
      .select('user_id')
      .where('package_id', '=', batch.id)
      .execute()
    expect(claims).toHaveLength(5)

    // The winners see their code; everyone sees the batch gone.
    const winnerIndex = responses.findIndex((response) => response.statusCode === 201)
    const mine = (await list(tokenFor(t.app, crowd[winnerIndex]!))).find((entry) => entry.id === batch.id)
    expect(mine).toMatchObject({ remaining: 0, myClaim: { code: codes[0], status: 'claimed' } })
  })

  it('one claim per CEO, even twice at once', async () => {
    const batch = await createBatch({ stock: 3 })
    const headers = tokenFor(t.app, ceos[0]!)
    const responses = await Promise.all([claim(batch.id, headers), claim(batch.id, headers)])
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409])
    expect(responses.find((response) => response.statusCode === 409)!.json().error.code).toBe(
      'ALREADY_CLAIMED',
    )
    expect(await remaining(batch.id)).toBe(2)
    const later = await claim(batch.id, headers)
    expect(later.statusCode).toBe(409)
    expect(await remaining(batch.id)).toBe(2)
  })

  it('takes claims from the start of the window to its end, to the second', async () => {
    const start = clock + HOUR
    const end = clock + 5 * HOUR
    const batch = await createBatch({ claimStart: iso(start), claimEnd: iso(end) })
    const attempt = async (at: number, ceo: number) => {
      clock = at
      return claim(batch.id, tokenFor(t.app, ceo))
    }
    const early = await attempt(start - SECOND, ceos[1]!)
    expect(early.statusCode).toBe(422)
    expect(early.json().error).toMatchObject({
      code: 'CLAIM_WINDOW_CLOSED',
      message: expect.stringContaining('尚未开始'),
    })
    expect((await attempt(start, ceos[1]!)).statusCode).toBe(201)
    expect((await attempt(end, ceos[2]!)).statusCode).toBe(201)
    const late = await attempt(end + SECOND, ceos[3]!)
    expect(late.statusCode).toBe(422)
    expect(late.json().error).toMatchObject({ code: 'CLAIM_WINDOW_CLOSED', message: '领取已结束' })
    clock = start - HOUR
    const missing = await claim(99999, tokenFor(t.app, ceos[1]!))
    expect(missing.statusCode).toBe(404)
  })

  it('refuses a batch whose claim window is already over, to the second', async () => {
    const over = await t.app.inject({
      method: 'POST',
      url: '/api/health-packages',
      headers: admin,
      payload: {
        name: '过期批次',
        description: '',
        stock: 3,
        claimStart: inHours(-5),
        claimEnd: iso(clock - SECOND),
      },
    })
    expect(over.statusCode).toBe(400)
    expect(over.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('claimEnd'),
    })
    // A window that has begun and is still open is fine.
    expect((await createBatch({ claimStart: inHours(-5), claimEnd: iso(clock + SECOND) })).remaining).toBe(5)
  })

  it('redeems a code once, case-insensitively; a second scan is ALREADY_REDEEMED', async () => {
    const batch = await createBatch()
    const ceo = ceos[2]!
    const { code } = (await claim(batch.id, tokenFor(t.app, ceo))).json<ClaimResult>()
    const first = await redeem(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `)
    expect(first.statusCode).toBe(200)
    const ceoName = (
      await t.app.db.selectFrom('users').select('name').where('id', '=', ceo).executeTakeFirstOrThrow()
    ).name
    expect(first.json<RedeemResult>()).toEqual({
      code,
      status: 'redeemed',
      member: { id: ceo, name: ceoName },
    })
    const second = await redeem(code)
    expect(second.statusCode).toBe(409)
    expect(second.json().error.code).toBe('ALREADY_REDEEMED')
    const unknown = await redeem('ZZZZ2222')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('NOT_FOUND')

    const mine = (await list(tokenFor(t.app, ceo))).find((entry) => entry.id === batch.id)
    expect(mine?.myClaim).toEqual({ code, status: 'redeemed' })
    const claims = (
      await t.app.inject({ method: 'GET', url: `/api/health-packages/${batch.id}/claims`, headers: admin })
    ).json<PackageClaimList>()
    expect(claims.items).toEqual([
      {
        code,
        status: 'redeemed',
        member: { id: ceo, name: ceoName, company: { id: expect.any(Number), name: expect.any(String) } },
        claimedAt: expect.any(String),
        redeemedAt: expect.any(String),
      },
    ])
  })

  it('keeps the admin tools for park admins', async () => {
    const batch = await createBatch()
    const secretary = tokenFor(t.app, (await seededPeople(t.app)).secretaries[0]!.id)
    for (const headers of [member, secretary, tokenFor(t.app, ceos[3]!)]) {
      expect((await redeem('ABCDEFGH', headers)).statusCode).toBe(403)
      const claims = await t.app.inject({
        method: 'GET',
        url: `/api/health-packages/${batch.id}/claims`,
        headers,
      })
      expect(claims.statusCode).toBe(403)
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/health-packages',
        headers,
        payload: { name: 'x', description: '', stock: 1, claimStart: inHours(0), claimEnd: inHours(1) },
      })
      expect(created.statusCode).toBe(403)
    }
  })

  it('validates a new batch, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ claimEnd: inHours(-2) }, 'claimEnd'],
      [{ stock: 0 }, 'stock'],
      [{ name: ' ' }, 'name'],
      [{ claimStart: 'now' }, 'claimStart'],
      [{ extra: true }, 'extra'],
    ]
    for (const [overrides, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/health-packages',
        headers: admin,
        payload: {
          name: '批次',
          description: '',
          stock: 3,
          claimStart: inHours(-1),
          claimEnd: inHours(1),
          ...overrides,
        },
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining(field),
      })
    }
    expect((await redeem('')).statusCode).toBe(400)
  })

  describe('Idempotency-Key', () => {
    const withKey = (userId: number, key: string) => ({ ...tokenFor(t.app, userId), 'idempotency-key': key })

    it('answers a retry with the first answer and changes nothing', async () => {
      const batch = await createBatch({ stock: 2 })
      const ceo = ceos[4]!
      const first = await claim(batch.id, withKey(ceo, 'claim-1'))
      expect(first.statusCode).toBe(201)
      const retry = await claim(batch.id, withKey(ceo, 'claim-1'))
      expect(retry.statusCode).toBe(201)
      expect(retry.json()).toEqual(first.json())
      expect(retry.headers['idempotent-replayed']).toBe('true')
      expect(await remaining(batch.id)).toBe(1)
      // A new key is a new request: now the member has already claimed.
      const fresh = await claim(batch.id, withKey(ceo, 'claim-2'))
      expect(fresh.statusCode).toBe(409)
    })

    it('stores a business error as the answer too', async () => {
      const batch = await createBatch({ stock: 1 })
      await claim(batch.id, tokenFor(t.app, ceos[5]!))
      const late = ceos[6]!
      const gone = await claim(batch.id, withKey(late, 'late-1'))
      expect(gone.statusCode).toBe(410)
      expect(gone.json().error.code).toBe('OUT_OF_STOCK')
      // Stock comes back, but the retry with the same key still gets the first answer.
      await t.app.db.updateTable('health_packages').set({ remaining: 1 }).where('id', '=', batch.id).execute()
      const retry = await claim(batch.id, withKey(late, 'late-1'))
      expect(retry.statusCode).toBe(410)
      expect(retry.json()).toEqual(gone.json())
      expect(await remaining(batch.id)).toBe(1)
      expect((await claim(batch.id, withKey(late, 'late-2'))).statusCode).toBe(201)
    })

    it('gives concurrent requests with one key one claim and one answer', async () => {
      const batch = await createBatch({ stock: 5 })
      const headers = withKey(ceos[7]!, 'same-key-at-once')
      const responses = await Promise.all([
        claim(batch.id, headers),
        claim(batch.id, headers),
        claim(batch.id, headers),
      ])
      expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201])
      expect(new Set(responses.map((response) => response.json<ClaimResult>().code)).size).toBe(1)
      expect(await remaining(batch.id)).toBe(4)
    })

    it('refuses a key reused for another request, and malformed keys', async () => {
      const batch = await createBatch()
      const ceo = ceos[8]!
      expect((await claim(batch.id, withKey(ceo, 'shared'))).statusCode).toBe(201)
      const other = await createBatch()
      const reused = await claim(other.id, withKey(ceo, 'shared'))
      expect(reused.statusCode).toBe(422)
      expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
      expect(await remaining(other.id)).toBe(5)

      for (const key of ['', 'x'.repeat(101), 'has space']) {
        const response = await claim(other.id, withKey(ceo, key))
        expect(response.statusCode).toBe(400)
        expect(response.json().error).toEqual({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('idempotency-key'),
        })
      }
      expect((await claim(other.id, withKey(ceo, 'x'.repeat(100)))).statusCode).toBe(201)
    })
  })
})
