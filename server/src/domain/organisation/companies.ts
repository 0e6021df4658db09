import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, notFound, validationFailed } from '../../errors'
import type { CompanyCreateBody, CompanyPatchBody } from '../../schemas'
import type { Viewer } from '../access'
import { requiredText } from '../input'
import { changedFields, recordChange, type State } from './audit'
import { recordCompanyStates } from './company-history'

/* 企业: created and edited by park admins (the route checks the role). */

const nameTaken = () => new AppError(409, 'COMPANY_NAME_TAKEN', '已有同名企业')

async function checkInstructor(trx: Transaction<Database>, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return
  const person = await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', 1)
    .where('roles', '<>', '')
    .executeTakeFirst()
  if (!person) throw validationFailed('body/instructorId 对应的人员不在花名册中')
}

async function companyState(trx: Transaction<Database>, id: number): Promise<State | undefined> {
  const row = await trx
    .selectFrom('companies')
    .select(['name', 'industry', 'status', 'instructor_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  return (
    row && { name: row.name, industry: row.industry, status: row.status, instructorId: row.instructor_id }
  )
}

export async function createCompany(
  trx: Transaction<Database>,
  viewer: Viewer,
  input: CompanyCreateBody,
  now: Date,
): Promise<number> {
  const name = requiredText(input.name, 'name')
  const industry = requiredText(input.industry, 'industry')
  await checkInstructor(trx, input.instructorId)
  const taken = await trx.selectFrom('companies').select('id').where('name', '=', name).executeTakeFirst()
  if (taken) throw nameTaken()
  let id: number
  try {
    const row = await trx
      .insertInto('companies')
      .values({
        name,
        industry,
        status: input.status ?? 'operating',
        instructor_id: input.instructorId ?? null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error
  }
  await recordCompanyStates(trx, now, [id])
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'company.create',
      entity: 'company',
      entityId: id,
      before: null,
      after: (await companyState(trx, id)) ?? null,
    },
    now,
  )
  return id
}

export async function updateCompany(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  input: CompanyPatchBody,
  now: Date,
): Promise<void> {
  const before = await companyState(trx, id)
  if (!before) throw notFound('企业不存在')
  const changes: {
    name?: string
    industry?: string
    status?: CompanyPatchBody['status']
    instructor_id?: number | null
  } = {}
  if (input.name !== undefined) {
    changes.name = requiredText(input.name, 'name')
    const taken = await trx
      .selectFrom('companies')
      .select('id')
      .where('name', '=', changes.name)
      .where('id', '<>', id)
      .executeTakeFirst()
    if (taken) throw nameTaken()
  }
  if (input.industry !== undefined) changes.industry = requiredText(input.industry, 'industry')
  if (input.status !== undefined) changes.status = input.status
  if (input.instructorId !== undefined) {
    await checkInstructor(trx, input.instructorId)
    changes.instructor_id = input.instructorId
  }
  try {
    await trx.updateTable('companies').set(changes).where('id', '=', id).execute()
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error
  }
  await recordCompanyStates(trx, now, [id])
  const after = (await companyState(trx, id)) as State
  const diff = changedFields(before, after)
  if (Object.keys(diff.after).length === 0) return
  await recordChange(
    trx,
    { actorId: viewer.id, action: 'company.update', entity: 'company', entityId: id, ...diff },
    now,
  )
}
