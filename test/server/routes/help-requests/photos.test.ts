import { solidPng } from '../../../../server/src/db/demo-images'
import type { HelpPhotoCreated, HelpRequestDetail } from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

/** The app's clock: Tuesday 2026-11-24, 12:00 in the park. */
const NOW = new Date('2026-11-24T04:00:00.000Z')
const MiB = 1024 * 1024

type Headers = Record<string, string>

const PNG = solidPng(8, 6, [200, 30, 30])
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9])
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([26, 0, 0, 0]),
  Buffer.from('WEBPVP8L'),
  Buffer.alloc(14),
])

describe.each(databases)('photos on help requests on $name', (database) => {
  let t: TestApp
  let clock = NOW
  let admin: Headers
  let member: Headers
  let colleague: Headers
  let helper: Headers
  let helperId: number

  const errorCode = (response: { json: () => unknown }) =>
    (response.json() as { error: { code: string } }).error.code
  const upload = (id: number, headers: Headers, bytes: Buffer | string, type = 'image/png') =>
    t.app.inject({
      method: 'POST',
      url: `/api/help-requests/${id}/photos`,
      headers: { ...headers, 'content-type': type },
      payload: bytes,
    })
  const detail = async (id: number, headers: Headers = member) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/help-requests/${id}`, headers })
    expect(response.statusCode).toBe(200)
    return response.json<HelpRequestDetail>()
  }
  const fetchUrl = (url: string) => t.app.inject({ method: 'GET', url })
  async function file(headers = member): Promise<number> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/help-requests',
      headers,
      payload: { category: 'space', title: '厂房漏水', body: '二楼仓库屋顶漏水，见照片' },
    })
    expect(response.statusCode).toBe(201)
    return response.json<{ id: number }>().id
  }

  beforeAll(async () => {
    t = await startApp(database, { now: () => clock })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const [first, second] = people.plainMembers.filter(
      (user) => user.branch_id === people.plainMembers[0]!.branch_id,
    )
    member = tokenFor(t.app, first!.id)
    colleague = tokenFor(t.app, second!.id)
    helperId = people.users.find((user) => user.roles.split(',').includes('helper'))!.id
    helper = tokenFor(t.app, helperId)
  })
  afterAll(() => t.close())
  afterEach(() => {
    clock = NOW
  })

  it('the requester attaches photos; the detail lists them by signed links that answer the image', async () => {
    const id = await file()
    const png = await upload(id, member, PNG)
    expect(png.statusCode).toBe(201)
    const created = png.json<HelpPhotoCreated>()
    expect(created).toEqual({ id: expect.any(Number), url: expect.any(String), size: PNG.length })
    expect((await upload(id, member, JPEG, 'image/jpeg')).statusCode).toBe(201)
    expect((await upload(id, member, WEBP, 'image/webp')).statusCode).toBe(201)

    const seen = await detail(id)
    expect(seen.photos.map((photo) => photo.size)).toEqual([PNG.length, JPEG.length, WEBP.length])
    expect(seen.photos[0]).toEqual({
      id: created.id,
      url: expect.stringMatching(new RegExp(`^/api/help-photos/${created.id}\\?exp=\\d+&sig=[\\w-]+$`)),
      size: PNG.length,
      createdAt: NOW.toISOString(),
    })
    expect(seen.history.map((item) => item.kind)).toEqual([
      'submitted',
      'photo_added',
      'photo_added',
      'photo_added',
    ])
    // The helpers and the park see them too.
    expect((await detail(id, helper)).photos).toHaveLength(3)

    const image = await fetchUrl(seen.photos[0]!.url)
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.headers['cache-control']).toBe('private, max-age=3600')
    expect(image.headers['x-content-type-options']).toBe('nosniff')
    expect(image.headers['content-security-policy']).toContain("default-src 'none'")
    expect(image.rawPayload.equals(PNG)).toBe(true)
    const jpeg = await fetchUrl(seen.photos[1]!.url)
    expect(jpeg.headers['content-type']).toBe('image/jpeg')
    expect(jpeg.rawPayload.equals(JPEG)).toBe(true)
    expect((await fetchUrl(seen.photos[2]!.url)).headers['content-type']).toBe('image/webp')
  })

  it('refuses a photo too large, of another type, or whose bytes are not what it says', async () => {
    const id = await file()
    const big = Buffer.concat([PNG, Buffer.alloc(2 * MiB)])
    const tooLarge = await upload(id, member, big)
    expect(tooLarge.statusCode).toBe(413)
    expect(errorCode(tooLarge)).toBe('PHOTO_TOO_LARGE')
    // Exactly the limit passes.
    const atLimit = Buffer.concat([PNG, Buffer.alloc(2 * MiB - PNG.length)])
    expect((await upload(id, member, atLimit)).statusCode).toBe(201)
    // A huge body is refused without being read whole.
    const huge = await upload(id, member, Buffer.alloc(20 * MiB))
    expect(huge.statusCode).toBe(413)
    expect(errorCode(huge)).toBe('PHOTO_TOO_LARGE')

    for (const [bytes, type] of [
      [Buffer.from('GIF89a'), 'image/gif'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml'],
      ['<html><script>alert(1)</script></html>', 'text/html'],
      [JPEG, 'image/png'],
      [PNG, 'image/jpeg'],
      ['<html><script>alert(1)</script></html>', 'image/png'],
      [Buffer.alloc(0), 'image/png'],
      [Buffer.from('RIFF0000WAVE'), 'image/webp'],
      ['{"photo":1}', 'application/json'],
      ['photo', 'text/plain'],
      [PNG, 'application/octet-stream'],
    ] as const) {
      const response = await upload(id, member, bytes, type)
      expect([type, response.statusCode, errorCode(response)]).toEqual([type, 415, 'UNSUPPORTED_PHOTO'])
    }
    // A content type with parameters is still the type.
    expect((await upload(id, member, PNG, 'image/png; charset=binary')).statusCode).toBe(201)
    expect((await detail(id)).photos).toHaveLength(2)
  })

  it('takes at most six photos, and one removed makes room again', async () => {
    const id = await file()
    for (let n = 0; n < 6; n++) expect((await upload(id, member, PNG)).statusCode).toBe(201)
    const seventh = await upload(id, member, PNG)
    expect(seventh.statusCode).toBe(409)
    expect(errorCode(seventh)).toBe('TOO_MANY_PHOTOS')
    const photos = (await detail(id)).photos
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/help-requests/${id}/photos/${photos[0]!.id}`,
      headers: member,
    })
    expect(removed.statusCode).toBe(200)
    const after = removed.json<HelpRequestDetail>()
    expect(after.photos.map((photo) => photo.id)).toEqual(photos.slice(1).map((photo) => photo.id))
    expect(after.history.at(-1)?.kind).toBe('photo_removed')
    // Its link answers no more.
    expect((await fetchUrl(photos[0]!.url)).statusCode).toBe(404)
    // Several at once cannot pass the limit either.
    const racing = await Promise.all([
      upload(id, member, PNG),
      upload(id, member, PNG),
      upload(id, member, PNG),
    ])
    expect(racing.map((response) => response.statusCode).sort()).toEqual([201, 409, 409])
    expect((await detail(id)).photos).toHaveLength(6)
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/help-requests/${id}/photos/${photos[0]!.id}`,
      headers: member,
    })
    expect(again.statusCode).toBe(404)
  })

  it('only the requester adds or removes photos, and not once the request is closed', async () => {
    const id = await file()
    const first = (await upload(id, member, PNG)).json<HelpPhotoCreated>()
    // A colleague cannot see the request at all; the helper and the park see it but may not change it.
    const byColleague = await upload(id, colleague, PNG)
    expect(byColleague.statusCode).toBe(404)
    const byHelper = await upload(id, helper, PNG)
    expect(byHelper.statusCode).toBe(403)
    expect(errorCode(byHelper)).toBe('FORBIDDEN')
    expect((await upload(id, admin, PNG)).statusCode).toBe(403)
    const remove = (headers: Headers, photoId = first.id, requestId = id) =>
      t.app.inject({ method: 'DELETE', url: `/api/help-requests/${requestId}/photos/${photoId}`, headers })
    expect((await remove(helper)).statusCode).toBe(403)
    expect((await remove(colleague)).statusCode).toBe(404)
    expect((await detail(id, helper)).actions.photos).toBe(false)
    expect((await detail(id)).actions.photos).toBe(true)
    // A photo of another request is not this one's.
    const other = await file()
    expect((await remove(member, first.id, other)).statusCode).toBe(404)
    const unauthenticated = await t.app.inject({
      method: 'POST',
      url: `/api/help-requests/${id}/photos`,
      headers: { 'content-type': 'image/png' },
      payload: PNG,
    })
    expect(unauthenticated.statusCode).toBe(401)
    expect((await upload(999999, member, PNG)).statusCode).toBe(404)

    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/help-requests/${id}/status`,
      headers: member,
      payload: { status: 'closed' },
    })
    expect(closed.statusCode).toBe(200)
    expect(closed.json<HelpRequestDetail>().actions.photos).toBe(false)
    const late = await upload(id, member, PNG)
    expect(late.statusCode).toBe(422)
    expect(errorCode(late)).toBe('BAD_TRANSITION')
    expect((await remove(member)).statusCode).toBe(422)
    // Still shown after closing.
    expect((await detail(id)).photos.map((photo) => photo.id)).toEqual([first.id])
  })

  it('answers a photo only by an intact link within its time', async () => {
    const id = await file()
    const created = (await upload(id, member, PNG)).json<HelpPhotoCreated>()
    const url = new URL(created.url, 'http://park.test')
    const exp = Number(url.searchParams.get('exp'))
    const sig = url.searchParams.get('sig')!
    // Valid for at least an hour.
    expect(exp * 1000 - NOW.getTime()).toBeGreaterThanOrEqual(3600_000)
    const at = (query: string, photoId = created.id) => fetchUrl(`/api/help-photos/${photoId}?${query}`)

    expect((await at(`exp=${exp}&sig=${sig}`)).statusCode).toBe(200)
    const later = await at(`exp=${exp + 3600}&sig=${sig}`)
    expect([later.statusCode, errorCode(later)]).toEqual([403, 'BAD_SIGNATURE'])
    const tampered = await at(`exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`)
    expect([tampered.statusCode, errorCode(tampered)]).toEqual([403, 'BAD_SIGNATURE'])
    const otherPhoto = await at(`exp=${exp}&sig=${sig}`, created.id + 1)
    expect([otherPhoto.statusCode, errorCode(otherPhoto)]).toEqual([403, 'BAD_SIGNATURE'])
    expect((await at(`exp=${exp}`)).statusCode).toBe(400)
    expect((await at(`exp=soon&sig=${sig}`)).statusCode).toBe(400)
    expect((await at(`exp=${exp}&sig=${'x'.repeat(500)}`)).statusCode).toBe(400)
    expect((await fetchUrl(`/api/help-photos/${created.id}`)).statusCode).toBe(400)

    clock = new Date(exp * 1000)
    const expired = await at(`exp=${exp}&sig=${sig}`)
    expect([expired.statusCode, errorCode(expired)]).toEqual([403, 'LINK_EXPIRED'])
    // The detail hands out a fresh link.
    const fresh = (await detail(id)).photos[0]!.url
    expect(fresh).not.toBe(created.url)
    expect((await fetchUrl(fresh)).statusCode).toBe(200)
  })

  it('seeds a couple of demo requests with a photo that loads', async () => {
    const rows = await t.app.db
      .selectFrom('help_request_photos')
      .select(['request_id', 'content_type'])
      .where('request_id', 'in', (eb) =>
        eb.selectFrom('help_requests').select('id').where('title', '<>', '厂房漏水'),
      )
      .execute()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    const people = await seededPeople(t.app)
    const parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const seen = await detail(rows[0]!.request_id, parkAdmin)
    expect(seen.history.map((item) => item.kind)).toContain('photo_added')
    const image = await fetchUrl(seen.photos[0]!.url)
    expect(image.statusCode).toBe(200)
    expect(image.rawPayload.subarray(1, 4).toString()).toBe('PNG')
  })
})
