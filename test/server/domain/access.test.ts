import {
  branchToActFor,
  canManage,
  canView,
  isAddressedTo,
  viewerOf,
  type Viewer,
} from '../../../server/src/domain/access'
import type { CurrentUser } from '../../../server/src/domain/users/mapper'
import { databases, startApp, type TestApp } from '../harness'

const person = (fields: Partial<CurrentUser>): CurrentUser => ({
  id: 7,
  name: '测试',
  roles: ['member'],
  isCeo: false,
  politicalStatus: 'party_member',
  branch: { id: 1, name: '一支部' },
  company: null,
  phone: null,
  active: true,
  sessionsValidAfter: null,
  ...fields,
})

const member = viewerOf(person({}))
const secretary = viewerOf(person({ roles: ['member', 'secretary'] }))
const parkAdmin = viewerOf(person({ roles: ['member', 'park_admin'], branch: null }))
/** Signed in with WeChat, not on the roster yet (API.md: roles [], branch null). */
const newcomer = viewerOf(person({ roles: [], branch: null }))

const park = { branchId: null }
const own = { branchId: 1 }
const other = { branchId: 2 }

describe('the viewer', () => {
  it('is built from the user once: roles, branch and the CEO facts', () => {
    expect(secretary).toMatchObject({ id: 7, branchId: 1, secretary: true, parkAdmin: false, onRoster: true })
    expect(viewerOf(person({ roles: ['member', 'helper'] })).helper).toBe(true)
    expect(newcomer).toMatchObject({ onRoster: false, branchId: null, secretary: false })
  })

  it('never makes a secretary without a branch the organiser of anything', () => {
    const stray = viewerOf(person({ roles: ['member', 'secretary'], branch: null }))
    expect(stray.secretary).toBe(false)
    expect(canManage(stray, park)).toBe(false)
  })
})

describe('who sees what', () => {
  it.each<[string, Viewer, [boolean, boolean, boolean]]>([
    ['a member', member, [true, true, false]],
    ['a secretary', secretary, [true, true, false]],
    ['a park admin', parkAdmin, [true, true, true]],
    ['someone not on the roster', newcomer, [true, false, false]],
  ])('%s may open park-wide / own branch / another branch', (_who, viewer, expected) => {
    expect([park, own, other].map((scope) => canView(viewer, scope))).toEqual(expected)
  })

  it('addresses a park admin only what is park-wide or their own branch’s (the feed, the badge)', () => {
    expect(isAddressedTo(parkAdmin, park)).toBe(true)
    expect(isAddressedTo(parkAdmin, other)).toBe(false)
    expect(isAddressedTo(member, own)).toBe(true)
  })

  it.each<[string, Viewer, [boolean, boolean, boolean]]>([
    ['a member', member, [false, false, false]],
    ['a secretary', secretary, [false, true, false]],
    ['a park admin', parkAdmin, [true, true, true]],
    ['someone not on the roster', newcomer, [false, false, false]],
  ])('%s manages park-wide / own branch / another branch', (_who, viewer, expected) => {
    expect([park, own, other].map((scope) => canManage(viewer, scope))).toEqual(expected)
  })
})

describe.each(databases)('the branch a viewer acts for, on $name', (database) => {
  let t: TestApp
  let branchA: { id: number; name: string }
  let branchB: { id: number; name: string }
  const act = { verb: '创建', noun: '活动' }
  const as = (viewer: Viewer, requested: number | null | undefined) =>
    branchToActFor(t.app.db, viewer, requested, act)
  const secretaryOfA = () => ({ ...secretary, branchId: branchA.id })

  beforeAll(async () => {
    t = await startApp(database)
    const branches = await t.app.db.selectFrom('branches').select(['id', 'name']).orderBy('id').execute()
    ;[branchA, branchB] = branches as [typeof branchA, typeof branchB]
  })
  afterAll(() => t.close())

  it('gives a park admin the park by default, or any branch that exists', async () => {
    await expect(as(parkAdmin, undefined)).resolves.toBeNull()
    await expect(as(parkAdmin, null)).resolves.toBeNull()
    await expect(as(parkAdmin, branchB.id)).resolves.toEqual(branchB)
    await expect(as(parkAdmin, 99999)).rejects.toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' })
  })

  it('keeps a secretary to their own branch, which is also the default', async () => {
    await expect(as(secretaryOfA(), undefined)).resolves.toEqual(branchA)
    await expect(as(secretaryOfA(), branchA.id)).resolves.toEqual(branchA)
    await expect(as(secretaryOfA(), branchB.id)).rejects.toMatchObject({
      statusCode: 403,
      message: '只能创建本支部的活动',
    })
    await expect(as(secretaryOfA(), null)).rejects.toMatchObject({
      statusCode: 403,
      message: '只有园区管理员可以创建园区活动',
    })
  })

  it('refuses members and people not on the roster, in the words of the action', async () => {
    for (const viewer of [member, newcomer]) {
      await expect(as(viewer, undefined)).rejects.toMatchObject({
        statusCode: 403,
        message: '只有支部书记或园区管理员可以创建活动',
      })
    }
  })
})
