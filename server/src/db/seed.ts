import type { Insertable, Kysely, Transaction } from 'kysely'
import type { PoliticalStatus, Role } from '../schemas'
import {
  BRANCH_NOTICES,
  COMMITTEE_NAME,
  COMPANIES,
  GIVEN_CHARS,
  PARK_NOTICES,
  RESERVED_NAMES,
  SURNAMES,
  type SeedNotice,
} from './seed-data'
import type { AnnouncementReadsTable, Database, NewAnnouncement, NewUser } from './types'

const DAY = 24 * 3600 * 1000
const HOUR = 3600 * 1000
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
async function idsAfter(trx: Transaction<Database>, table: 'users' | 'announcements', after: number) {
  const rows = await trx.selectFrom(table).select('id').where('id', '>', after).orderBy('id').execute()
  return rows.map((row) => row.id)
}

export interface SeedOptions {
  /** The moment the demo data is written "at"; notices are spread over the weeks before it. */
  now?: Date
}

/** Writes the demo park into an empty database. Returns false (and writes nothing) otherwise. */
export async function seedIfEmpty(db: Kysely<Database>, options: SeedOptions = {}): Promise<boolean> {
  const existing = await db.selectFrom('users').select(db.fn.countAll().as('count')).executeTakeFirstOrThrow()
  if (Number(existing.count) > 0) return false
  await db.transaction().execute((trx) => seedDemoData(trx, options.now ?? new Date()))
  return true
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
