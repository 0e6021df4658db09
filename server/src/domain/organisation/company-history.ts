import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { partyOrgOf } from './rules'

/*
 * Coverage over time: after any change that may move a company's coverage (it opens or closes, a
 * branch takes it or lets it go, its 党建工作指导员 changes) the company's new state is appended to
 * company_history, only when it differs from the latest one. The park's statistics read the state
 * at the end of each month from here.
 */
export async function recordCompanyStates(
  trx: Transaction<Database>,
  now: Date,
  companyIds?: readonly number[],
): Promise<void> {
  if (companyIds !== undefined && companyIds.length === 0) return
  let current = trx
    .selectFrom('companies as c')
    .leftJoin('branches as b', 'b.id', 'c.branch_id')
    .select(['c.id', 'c.status', 'c.instructor_id', 'c.branch_id', 'b.kind'])
  if (companyIds !== undefined) current = current.where('c.id', 'in', companyIds)
  const companies = await current.execute()
  let latestQuery = trx
    .selectFrom('company_history as h')
    .select(['h.company_id', 'h.status', 'h.party_org', 'h.has_instructor', 'h.branch_id'])
    .where('h.id', 'in', (eb) =>
      eb
        .selectFrom('company_history')
        .select((inner) => inner.fn.max('id').as('id'))
        .groupBy('company_id'),
    )
  if (companyIds !== undefined) latestQuery = latestQuery.where('h.company_id', 'in', companyIds)
  const latest = new Map((await latestQuery.execute()).map((row) => [row.company_id, row]))
  const rows = companies
    .map((company) => ({
      company_id: company.id,
      status: company.status,
      party_org: partyOrgOf(company.branch_id === null ? null : company.kind),
      has_instructor: company.instructor_id === null ? 0 : 1,
      branch_id: company.branch_id,
      at: now.toISOString(),
    }))
    .filter((row) => {
      const last = latest.get(row.company_id)
      return (
        !last ||
        last.status !== row.status ||
        last.party_org !== row.party_org ||
        last.has_instructor !== row.has_instructor ||
        last.branch_id !== row.branch_id
      )
    })
  if (rows.length > 0) await trx.insertInto('company_history').values(rows).execute()
}
