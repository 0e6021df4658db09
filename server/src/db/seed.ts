import type { Insertable, Kysely, Transaction } from 'kysely'
import type { PoliticalStatus, Role } from '../schemas'
import { PICKUP_ALPHABET, PICKUP_CODE_LENGTH } from '../domain/health-packages/pickup-code'
import { ineligibleReason } from '../domain/health-packages/rules'
import { startOfParkDay } from '../domain/park-time'
import { seedApplications } from './seed-applications'
import { seedCourses } from './seed-courses'
import { seedHelpRequests } from './seed-help-requests'
import { seedNotifications } from './seed-notifications'
import { seedParkHistory } from './seed-park-stats'
import { seedPoints } from './seed-points'
import {
  BRANCH_NOTICES,
  COMMITTEE_NAME,
  COMPANIES,
  EVENTS,
  GIVEN_CHARS,
  HEALTH_PACKAGE,
  JOINING,
  PARK_NOTICES,
  RESERVED_NAMES,
  SURNAMES,
  type SeedNotice,
} from './seed-data'
import type { AnnouncementReadsTable, Database, NewAnnouncement, NewEventSignup, NewUser } from './types'

const DAY = 24 * 3600 * 1000
const HOUR = 3600 * 1000
const MINUTE = 60 * 1000
/** Rows per INSERT statement: well under SQLite's bound-parameter limit. */
const CHUNK = 200

/** Small deterministic PRNG (mulberry32), so every fresh database gets the same people. */
function prng(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
    }
    return copy
  }
  return { next, int, pick, shuffle }
}
type Random = ReturnType<typeof prng>

/** Mix of 政治面貌 among ordinary employees of a young internet company. */
const STATUS_WEIGHTS: ReadonlyArray<[PoliticalStatus, number]> = [
  ['party_member', 0.28],
  ['probationary', 0.05],
  ['candidate', 0.05],
  ['activist', 0.1],
  ['applicant', 0.12],
  ['masses', 0.4],
]

function weightedStatus(random: Random): PoliticalStatus {
  let roll = random.next()
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight
    if (roll < 0) return status
  }
  return 'masses'
}

function nameGenerator(random: Random) {
  const used = new Set<string>()
  return (): string => {
    for (;;) {
      const given =
        random.next() < 0.7 ? random.pick(GIVEN_CHARS) + random.pick(GIVEN_CHARS) : random.pick(GIVEN_CHARS)
      const name = random.pick(SURNAMES) + given
      if (!used.has(name) && !RESERVED_NAMES.has(name) && given[0] !== given[1]) {
        used.add(name)
        return name
      }
    }
  }
}

const rolesText = (...roles: Role[]): string => roles.join(',')

/** The n-th demo person's fictional mobile number: 11 digits, unique per person. */
export function demoPhone(n: number): string {
  return `1${[3, 5, 7, 8, 9][n % 5]}${String(20000000 + n * 3457).padStart(9, '0')}`
}

async function insertChunked<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely cannot narrow a generic table's row type; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute()
  }
}

/** Ids of the rows just inserted into an empty table, in insertion order. */
async function idsAfter(
  trx: Transaction<Database>,
  table: 'users' | 'announcements' | 'events',
  after: number,
) {
  const rows = await trx.selectFrom(table).select('id').where('id', '>', after).orderBy('id').execute()
  return rows.map((row) => row.id)
}

export interface SeedOptions {
  /** The moment the demo data is written "at"; notices are spread over the weeks before it. */
  now?: Date
}

/**
 * Writes the demo park into an empty database and returns true; otherwise writes nothing and
 * returns false. A demo park seeded before events and health packages existed gets those once.
 */
export async function seedIfEmpty(db: Kysely<Database>, options: SeedOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date()
  const existing = await db.selectFrom('users').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()
  if (Number(existing.count) === 0) {
    await db.transaction().execute(async (trx) => {
      await seedDemoData(trx, now)
      await seedEventsAndPackages(trx, now)
      await seedParkHistory(trx, now)
      await seedCourses(trx, now)
      await seedPoints(trx, now)
      await seedJoining(trx, now)
      await seedNotifications(trx, now)
      await seedApplications(trx, now)
      await seedHelpRequests(trx, now)
    })
    return true
  }
  const addedCourses = await seedCourses(db, now)
  if (!(await isDemoParkWithoutEvents(db))) return addedCourses
  await db.transaction().execute((trx) => seedEventsAndPackages(trx, now))
  return true
}

async function isDemoParkWithoutEvents(db: Kysely<Database>): Promise<boolean> {
  const count = async (table: 'events' | 'health_packages') =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()).count)
  if ((await count('events')) > 0 || (await count('health_packages')) > 0) return false
  const demo = await db
    .selectFrom('committees')
    .innerJoin('branches', 'branches.committee_id', 'committees.id')
    .innerJoin('companies', 'companies.id', 'branches.company_id')
    .select('companies.id')
    .where('committees.name', '=', COMMITTEE_NAME)
    .where('companies.name', '=', COMPANIES[0]?.name ?? '')
    .executeTakeFirst()
  return demo !== undefined
}

async function seedDemoData(trx: Transaction<Database>, now: Date): Promise<void> {
  const random = prng(20181124)
  const nextName = nameGenerator(random)
  const at = (msAgo: number): string => new Date(now.getTime() - msAgo).toISOString()
  const founded = at(120 * DAY)

  const committee = await trx
    .insertInto('committees')
    .values({ name: COMMITTEE_NAME, created_at: founded })
    .returning('id')
    .executeTakeFirstOrThrow()

  await trx
    .insertInto('companies')
    .values(
      COMPANIES.map((company) => ({ name: company.name, industry: company.industry, created_at: founded })),
    )
    .execute()
  const companyIds = new Map(
    (await trx.selectFrom('companies').select(['id', 'name']).execute()).map((row) => [row.name, row.id]),
  )

  await trx
    .insertInto('branches')
    .values(
      COMPANIES.map((company) => ({
        name: `${company.short}党支部`,
        committee_id: committee.id,
        company_id: companyIds.get(company.name) ?? null,
        created_at: founded,
      })),
    )
    .execute()
  const branches = (
    await trx.selectFrom('branches').select(['id', 'name', 'company_id']).orderBy('id').execute()
  ).map((row) => ({ id: row.id, name: row.name, companyId: row.company_id }))
  // Each company is covered by its own branch.
  for (const branch of branches) {
    if (branch.companyId === null) continue
    await trx
      .updateTable('companies')
      .set({ branch_id: branch.id })
      .where('id', '=', branch.companyId)
      .execute()
  }

  // People: two park admins, then per branch a CEO, a secretary (sometimes the CEO himself) and staff.
  const users: NewUser[] = []
  const person = (fields: Omit<NewUser, 'name' | 'created_at' | 'wechat_openid'>): NewUser => ({
    name: nextName(),
    wechat_openid: null,
    created_at: at(random.int(60, 110) * DAY),
    ...fields,
  })
  for (let i = 0; i < 2; i++) {
    users.push(
      person({
        branch_id: null,
        company_id: null,
        political_status: 'party_member',
        is_ceo: 0,
        roles: rolesText('member', 'park_admin'),
      }),
    )
  }
  branches.forEach((branch, index) => {
    const base = { branch_id: branch.id, company_id: branch.companyId }
    const ceoIsMember = index % 16 < 9 // 9 of the 16 CEOs are party members
    const ceoIsSecretary = ceoIsMember && index % 4 === 0 // …and in some companies also lead the branch
    const ceoStatus: PoliticalStatus = ceoIsMember
      ? 'party_member'
      : random.pick(['applicant', 'masses', 'activist'])
    users.push(
      person({
        ...base,
        political_status: ceoStatus,
        is_ceo: 1,
        roles: ceoIsSecretary ? rolesText('member', 'secretary') : rolesText('member'),
      }),
    )
    const staff = 13 + (index % 3) + random.int(0, 3)
    for (let n = 0; n < staff; n++) {
      const secretary = n === 0 && !ceoIsSecretary
      // A branch needs at least three full members besides any probationary ones.
      const status: PoliticalStatus = n < 3 ? 'party_member' : weightedStatus(random)
      users.push(
        person({
          ...base,
          political_status: status,
          is_ceo: 0,
          roles: secretary ? rolesText('member', 'secretary') : rolesText('member'),
        }),
      )
    }
  })
  // Everyone on the roster has a (fictional) mobile number, the key the roster is matched on.
  users.forEach((user, i) => {
    user.phone = demoPhone(i)
  })
  await insertChunked(trx, 'users', users)
  const userIds = await idsAfter(trx, 'users', 0)
  const people = users.map((user, i) => ({ ...user, id: userIds[i] as number }))
  const parkAdmins = people.filter((user) => user.roles.includes('park_admin'))
  const secretaryOf = new Map(
    people.filter((user) => user.roles.includes('secretary')).map((user) => [user.branch_id, user.id]),
  )

  // Notices: park-wide over the last six weeks, two or three per branch over the last five.
  interface Draft extends NewAnnouncement {
    audience: number[]
  }
  const drafts: Draft[] = []
  const publishedAt = (maxDays: number): string => {
    const day = new Date(now.getTime() - random.int(1, maxDays) * DAY)
    // Office hours in Xiamen (UTC+8): 09:00–18:00 local is 01:00–10:00 UTC.
    day.setUTCHours(random.int(1, 9), random.pick([0, 15, 30, 45]), 0, 0)
    return day.toISOString()
  }
  const draft = (
    notice: SeedNotice,
    fields: Omit<Draft, 'title' | 'body' | 'pinned'>,
    branchName = '',
  ): Draft => ({
    title: notice.title,
    body: notice.body.replaceAll('{branch}', branchName),
    pinned: notice.pinned ? 1 : 0,
    ...fields,
  })
  const everyone = people.map((user) => user.id)
  PARK_NOTICES.forEach((notice, i) => {
    const published = publishedAt(42)
    drafts.push(
      draft(notice, {
        scope: 'park',
        branch_id: null,
        author_id: parkAdmins[i % parkAdmins.length]?.id as number,
        published_at: published,
        created_at: published,
        audience: everyone,
      }),
    )
  })
  for (const branch of branches) {
    const audience = people.filter((user) => user.branch_id === branch.id).map((user) => user.id)
    const notices = random.shuffle(BRANCH_NOTICES).slice(0, random.int(2, 3))
    for (const notice of notices) {
      const published = publishedAt(35)
      drafts.push(
        draft(
          notice,
          {
            scope: 'branch',
            branch_id: branch.id,
            author_id: secretaryOf.get(branch.id) as number,
            published_at: published,
            created_at: published,
            audience,
          },
          branch.name,
        ),
      )
    }
  }
  drafts.sort((a, b) => a.published_at.localeCompare(b.published_at))
  await insertChunked(
    trx,
    'announcements',
    drafts.map(({ audience: _audience, ...row }) => row),
  )
  const announcementIds = await idsAfter(trx, 'announcements', 0)
  // One park notice was corrected a while after it went out: its readers see 已编辑.
  const corrected = drafts.findIndex(
    (notice) => notice.scope === 'park' && Date.parse(notice.published_at) < now.getTime() - DAY,
  )
  if (corrected >= 0) {
    await trx
      .updateTable('announcements')
      .set({ edited_at: new Date(Date.parse(drafts[corrected]!.published_at) + 3 * HOUR).toISOString() })
      .where('id', '=', announcementIds[corrected] as number)
      .execute()
  }

  // Read receipts: older notices have been read by more people; authors have read their own.
  const reads: AnnouncementReadsTable[] = []
  drafts.forEach((notice, i) => {
    const id = announcementIds[i] as number
    const published = Date.parse(notice.published_at)
    const ageDays = (now.getTime() - published) / DAY
    const share = Math.min(0.85, 0.15 + ageDays / 50)
    for (const userId of notice.audience) {
      if (userId !== notice.author_id && random.next() >= share) continue
      const readAt = Math.min(now.getTime() - HOUR, published + random.int(0, 72) * HOUR)
      reads.push({
        announcement_id: id,
        user_id: userId,
        read_at: new Date(Math.max(readAt, published)).toISOString(),
      })
    }
  })
  await insertChunked(trx, 'announcement_reads', reads)
}

/** Events of every category (upcoming and past, one full with a waitlist) and a health-package batch. */
async function seedEventsAndPackages(trx: Transaction<Database>, now: Date): Promise<void> {
  const random = prng(20261124)
  const users = await trx
    .selectFrom('users')
    .select(['id', 'roles', 'branch_id', 'is_ceo', 'political_status'])
    .where('wechat_openid', 'is', null)
    .orderBy('id')
    .execute()
  const branches = await trx.selectFrom('branches').select('id').orderBy('id').execute()
  const has = (roles: string, role: string) => roles.split(',').includes(role)
  const parkAdmin = users.find((user) => has(user.roles, 'park_admin'))
  if (!parkAdmin) return
  const secretaryOf = (branchId: number) =>
    users.find((user) => user.branch_id === branchId && has(user.roles, 'secretary'))?.id ?? parkAdmin.id

  // Midnight of the seed day in park time, as a UTC instant: demo events start at local hours.
  const parkMidnight = Date.parse(startOfParkDay(now))
  const iso = (ms: number) => new Date(ms).toISOString()
  const earlier = (ms: number) => Math.min(ms, now.getTime() - MINUTE)

  const planned = EVENTS.map((event) => {
    const [hour, minute] = event.time.split(':').map(Number) as [number, number]
    const startsAt = parkMidnight + event.day * DAY + hour * HOUR + minute * MINUTE
    const endsAt = startsAt + event.hours * HOUR
    const createdAt = earlier(startsAt - random.int(10, 25) * DAY)
    const branchId = event.branch !== undefined ? (branches[event.branch]?.id ?? null) : null
    const pool = users.filter((user) => branchId === null || user.branch_id === branchId)
    const confirmed = Math.min(pool.length, Math.round(event.capacity * event.fill))
    const waitlisted = Math.min(pool.length - confirmed, event.waitlist ?? 0)
    const people = random.shuffle(pool).slice(0, confirmed + waitlisted)
    return { event, startsAt, endsAt, createdAt, branchId, confirmed, waitlisted, people }
  })

  await insertChunked(
    trx,
    'events',
    planned.map(({ event, startsAt, endsAt, createdAt, branchId, confirmed, waitlisted }) => ({
      title: event.title,
      category: event.category,
      description: event.description,
      venue: event.venue,
      starts_at: iso(startsAt),
      ends_at: iso(endsAt),
      capacity: event.capacity,
      confirmed_count: confirmed,
      waitlist_seq: waitlisted,
      signup_deadline: iso(startsAt),
      cancel_deadline: iso(startsAt - 2 * HOUR),
      branch_id: branchId,
      created_by: branchId === null ? parkAdmin.id : secretaryOf(branchId),
      cancelled_at: null,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
    })),
  )
  const eventIds = await idsAfter(trx, 'events', 0)

  // Signups arrive over the days after publication; the waitlist last. Past events have attendance.
  const signups: NewEventSignup[] = []
  planned.forEach(({ startsAt, endsAt, createdAt, confirmed, people }, index) => {
    const eventId = eventIds[index] as number
    const window = Math.max(MINUTE, earlier(startsAt - HOUR) - createdAt)
    people.forEach((person, n) => {
      const signedUp = iso(createdAt + Math.floor((window * (n + 1)) / (people.length + 1)))
      const isConfirmed = n < confirmed
      const attended = isConfirmed && endsAt < now.getTime() && random.next() < 0.88
      signups.push({
        event_id: eventId,
        user_id: person.id,
        status: isConfirmed ? 'confirmed' : 'waitlisted',
        waitlist_seq: isConfirmed ? null : n - confirmed + 1,
        created_at: signedUp,
        confirmed_at: isConfirmed ? signedUp : null,
        cancelled_at: null,
        checked_in_at: attended ? iso(startsAt - random.int(0, 25) * MINUTE) : null,
      })
    })
  })
  await insertChunked(trx, 'event_signups', signups)

  // One open batch with less stock than there are party-member CEOs; the last of them have claimed,
  // one picked up.
  const claimStart = parkMidnight - HEALTH_PACKAGE.openedDaysAgo * DAY + 9 * HOUR // 09:00 park time
  const claimEnd = parkMidnight + HEALTH_PACKAGE.closesInDays * DAY + 18 * HOUR // 18:00 park time
  const claimers = users
    .filter(
      (user) =>
        ineligibleReason({ isCeo: user.is_ceo === 1, politicalStatus: user.political_status }) === null,
    )
    .slice(-HEALTH_PACKAGE.claimed)
  const batch = await trx
    .insertInto('health_packages')
    .values({
      name: HEALTH_PACKAGE.name,
      description: HEALTH_PACKAGE.description,
      stock: HEALTH_PACKAGE.stock,
      remaining: HEALTH_PACKAGE.stock - claimers.length,
      claim_start: iso(claimStart),
      claim_end: iso(claimEnd),
      created_by: parkAdmin.id,
      created_at: iso(claimStart - DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const pickupCode = () =>
    Array.from({ length: PICKUP_CODE_LENGTH }, () => random.pick([...PICKUP_ALPHABET])).join('')
  if (claimers.length > 0) {
    await trx
      .insertInto('health_claims')
      .values(
        claimers.map((ceo, n) => {
          const claimedAt = earlier(claimStart + (n + 1) * 3 * HOUR)
          return {
            package_id: batch.id,
            user_id: ceo.id,
            code: pickupCode(),
            status: n === 0 ? ('redeemed' as const) : ('claimed' as const),
            claimed_at: iso(claimedAt),
            redeemed_at: n === 0 ? iso(earlier(claimedAt + DAY)) : null,
            redeemed_by: n === 0 ? parkAdmin.id : null,
          }
        }),
      )
      .execute()
  }
}

/** Newcomers who can be tried at once: a WeChat user waiting for a branch's answer to their request. */
async function seedJoining(trx: Transaction<Database>, now: Date): Promise<void> {
  const branch = await trx
    .selectFrom('companies')
    .select(['id', 'branch_id'])
    .where('branch_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirst()
  if (!branch || branch.branch_id === null) return
  const asked = new Date(now.getTime() - 5 * HOUR).toISOString()
  for (const [n, person] of JOINING.entries()) {
    const account = await trx
      .insertInto('users')
      .values({
        name: '微信用户',
        wechat_openid: `demo-newcomer-${n + 1}`,
        branch_id: null,
        company_id: null,
        political_status: 'masses',
        is_ceo: 0,
        roles: '',
        created_at: asked,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('join_requests')
      .values({
        user_id: account.id,
        branch_id: branch.branch_id,
        company_id: branch.id,
        name: person.name,
        phone: person.phone,
        note: person.note,
        status: 'pending',
        reason: null,
        created_at: asked,
        decided_at: null,
        decided_by: null,
        member_id: null,
      })
      .execute()
  }
}
