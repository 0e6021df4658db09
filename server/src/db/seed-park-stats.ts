import type { Insertable, Transaction } from 'kysely'
import { DAY_MS, HOUR_MS, startOfParkDay } from '../domain/park-time'
import type { CategoryCode } from '../schemas'
import type { CompanyHistoryTable, Database } from './types'

/*
 * A year of the park for its statistics: the companies' coverage history (the sixteen companies
 * got their branches one after another), three operating companies still without a party
 * organisation — one of them with a 党建工作指导员 — and one that closed; and a park event or two
 * each month of the past year with its signups and check-ins (the points follow from those).
 */

export const UNCOVERED_COMPANIES = [
  { name: '拾光影像科技(厦门)有限公司', industry: '短视频与影像服务', openedDaysAgo: 300 },
  { name: '鹭链供应链科技(厦门)有限公司', industry: '供应链数字化', openedDaysAgo: 200 },
  // Has an instructor sent by the committee since 100 days ago: work coverage, not organisation.
  {
    name: '嘉禾智造物联网(厦门)有限公司',
    industry: '工业物联网',
    openedDaysAgo: 250,
    instructorDaysAgo: 100,
  },
] as const
export const CLOSED_COMPANY = {
  name: '蓝海小程序工作室(厦门)有限公司',
  industry: '小程序开发',
  closedDaysAgo: 60,
}

/** Days ago each of the sixteen companies' branches was founded: ten at the start, then one by one. */
const BRANCH_FOUNDED_DAYS_AGO = [380, 380, 380, 380, 380, 380, 380, 380, 380, 380, 330, 270, 210, 150, 90, 40]
const OPENED_DAYS_AGO = 400

const PAST_EVENTS: ReadonlyArray<{ title: string; category: CategoryCode; venue: string }> = [
  { title: '主题党日:重温入党誓词', category: 'ceremony', venue: '创新驿站党群服务中心' },
  { title: '青年员工交流沙龙', category: 'salon', venue: '创新驿站共享会议室' },
  { title: '红色路演月度专场', category: 'roadshow', venue: '创新驿站路演厅' },
  { title: '社区志愿服务', category: 'charity', venue: '湖里街道社区服务站' },
  { title: '导师面对面', category: 'mentoring', venue: '创新驿站导师工作室' },
]

export async function seedParkHistory(trx: Transaction<Database>, now: Date): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString()
  const companies = await trx
    .selectFrom('companies')
    .select(['id', 'branch_id', 'instructor_id'])
    .orderBy('id')
    .execute()
  const admins = await trx
    .selectFrom('users')
    .select('id')
    .where('roles', 'like', '%park_admin%')
    .orderBy('id')
    .execute()
  const admin = admins[0]
  if (!admin) return
  const instructor = admins[1] ?? admin

  const history: Insertable<CompanyHistoryTable>[] = []
  companies.forEach((company, index) => {
    const founded = BRANCH_FOUNDED_DAYS_AGO[index % BRANCH_FOUNDED_DAYS_AGO.length] as number
    const state = { company_id: company.id, status: 'operating' as const, has_instructor: 0 }
    history.push({ ...state, party_org: 'none', branch_id: null, at: ago(OPENED_DAYS_AGO) })
    history.push({ ...state, party_org: 'own', branch_id: company.branch_id, at: ago(founded) })
  })

  for (const company of UNCOVERED_COMPANIES) {
    const hasInstructor = 'instructorDaysAgo' in company
    const row = await trx
      .insertInto('companies')
      .values({
        name: company.name,
        industry: company.industry,
        status: 'operating',
        instructor_id: hasInstructor ? instructor.id : null,
        created_at: ago(company.openedDaysAgo),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const state = {
      company_id: row.id,
      status: 'operating' as const,
      party_org: 'none' as const,
      branch_id: null,
    }
    history.push({ ...state, has_instructor: 0, at: ago(company.openedDaysAgo) })
    if (hasInstructor) history.push({ ...state, has_instructor: 1, at: ago(company.instructorDaysAgo) })
  }
  const closed = await trx
    .insertInto('companies')
    .values({
      name: CLOSED_COMPANY.name,
      industry: CLOSED_COMPANY.industry,
      status: 'closed',
      created_at: ago(OPENED_DAYS_AGO),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const closedState = {
    company_id: closed.id,
    party_org: 'none' as const,
    has_instructor: 0,
    branch_id: null,
  }
  history.push({ ...closedState, status: 'operating', at: ago(OPENED_DAYS_AGO) })
  history.push({ ...closedState, status: 'closed', at: ago(CLOSED_COMPANY.closedDaysAgo) })
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  await trx.insertInto('company_history').values(history).execute()

  await seedPastEvents(trx, now, admin.id)
}

/** One or two park events a month over the past year, before the demo's own recent events. */
async function seedPastEvents(trx: Transaction<Database>, now: Date, adminId: number): Promise<void> {
  const members = await trx
    .selectFrom('users')
    .select('id')
    .where('branch_id', 'is not', null)
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
  if (members.length === 0) return
  const midnight = Date.parse(startOfParkDay(now))
  const iso = (ms: number) => new Date(ms).toISOString()
  for (let monthsAgo = 11; monthsAgo >= 2; monthsAgo--) {
    const perMonth = monthsAgo % 3 === 0 ? 2 : 1
    for (let n = 0; n < perMonth; n++) {
      const template = PAST_EVENTS[(monthsAgo + n) % PAST_EVENTS.length] as (typeof PAST_EVENTS)[number]
      const startsAt = midnight - (monthsAgo * 30 + n * 9) * DAY_MS + 14.5 * HOUR_MS
      // Turnout grows over the year as more branches join in.
      const signups = 24 + (11 - monthsAgo) * 4 + n * 6
      const capacity = signups + 10
      const event = await trx
        .insertInto('events')
        .values({
          title: `${template.title}(第${12 - monthsAgo}期)`,
          category: template.category,
          description: '往期活动,已结束。',
          venue: template.venue,
          starts_at: iso(startsAt),
          ends_at: iso(startsAt + 2 * HOUR_MS),
          capacity,
          confirmed_count: signups,
          waitlist_seq: 0,
          signup_deadline: iso(startsAt),
          cancel_deadline: iso(startsAt - 2 * HOUR_MS),
          branch_id: null,
          created_by: adminId,
          cancelled_at: null,
          created_at: iso(startsAt - 14 * DAY_MS),
          updated_at: iso(startsAt - 14 * DAY_MS),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const offset = (monthsAgo * 37 + n * 11) % members.length
      const people = Array.from({ length: signups }, (_, i) => members[(offset + i * 5) % members.length]!.id)
      const unique = [...new Set(people)]
      const rows = unique.map((userId, i) => ({
        event_id: event.id,
        user_id: userId,
        status: 'confirmed' as const,
        waitlist_seq: null,
        created_at: iso(startsAt - (10 - (i % 7)) * DAY_MS),
        confirmed_at: iso(startsAt - (10 - (i % 7)) * DAY_MS),
        cancelled_at: null,
        // About four in five came; more as the year went on.
        checked_in_at: i % 10 < 7 + (monthsAgo < 6 ? 1 : 0) ? iso(startsAt + (i % 20) * 60_000) : null,
      }))
      await trx.insertInto('event_signups').values(rows).execute()
      if (unique.length !== signups) {
        await trx
          .updateTable('events')
          .set({ confirmed_count: unique.length })
          .where('id', '=', event.id)
          .execute()
      }
    }
  }
}
