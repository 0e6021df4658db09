import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, notFound } from '../../errors'
import type { BranchCreateBody, BranchKind, BranchPatchBody } from '../../schemas'
import type { Viewer } from '../access'
import { requiredText } from '../input'
import { changedFields, recordChange, type State } from './audit'
import { recordCompanyStates } from './company-history'
import { hasRole } from './repository'
import { rosterRoles } from './rules'
import { parseRoles } from '../users/mapper'

/* 党支部: created and edited by park admins (the route checks the role). */

const nameTaken = () => new AppError(409, 'BRANCH_NAME_TAKEN', '已有同名党支部')

function checkKind(kind: BranchKind, companyIds: readonly number[]): void {
  if (kind === 'own' && companyIds.length !== 1) {
    throw new AppError(422, 'BRANCH_KIND_MISMATCH', '单独建立的党支部只对应一家企业,多家企业请建联合党支部')
  }
}

async function checkCompanies(trx: Transaction<Database>, companyIds: readonly number[]): Promise<void> {
  const found = await trx.selectFrom('companies').select('id').where('id', 'in', companyIds).execute()
  if (found.length !== companyIds.length)
    throw new AppError(400, 'VALIDATION_FAILED', 'body/companyIds 中有不存在的企业')
}

async function branchState(trx: Transaction<Database>, id: number): Promise<State | undefined> {
  const row = await trx
    .selectFrom('branches')
    .select(['name', 'kind'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const companies = await trx
    .selectFrom('companies')
    .select('id')
    .where('branch_id', '=', id)
    .orderBy('id')
    .execute()
  const secretary = await trx
    .selectFrom('users as u')
    .select('u.id')
    .where('u.branch_id', '=', id)
    .where(hasRole('secretary'))
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .executeTakeFirst()
  return {
    name: row.name,
    kind: row.kind,
    companyIds: companies.map((company) => company.id),
    secretaryId: secretary?.id ?? null,
  }
}

/** The branch now covers exactly these companies (taking them from any branch that had them). */
async function coverCompanies(trx: Transaction<Database>, branchId: number, companyIds: readonly number[]) {
  await trx
    .updateTable('companies')
    .set({ branch_id: null })
    .where('branch_id', '=', branchId)
    .where('id', 'not in', companyIds)
    .execute()
  await trx.updateTable('companies').set({ branch_id: branchId }).where('id', 'in', companyIds).execute()
  await trx
    .updateTable('branches')
    .set({ company_id: companyIds[0] ?? null })
    .where('id', '=', branchId)
    .execute()
}

/**
 * Makes a member of the branch its one secretary (or, with null, leaves it without one): the
 * secretary role goes from whoever held it in the branch to them.
 */
export async function setSecretary(trx: Transaction<Database>, branchId: number, memberId: number | null) {
  if (memberId !== null) {
    const member = await trx
      .selectFrom('users')
      .select(['id', 'branch_id', 'roles', 'active'])
      .where('id', '=', memberId)
      .where('roles', '<>', '')
      .executeTakeFirst()
    if (!member || member.active !== 1 || member.branch_id !== branchId) {
      throw new AppError(422, 'NOT_IN_BRANCH', '支部书记须是本支部花名册中的在册成员')
    }
  }
  const holders = await trx
    .selectFrom('users as u')
    .select(['u.id', 'u.roles'])
    .where('u.branch_id', '=', branchId)
    .where(hasRole('secretary'))
    .execute()
  for (const holder of holders) {
    if (holder.id === memberId) continue
    const roles = rosterRoles(parseRoles(holder.roles).filter((role) => role !== 'secretary'))
    await trx
      .updateTable('users')
      .set({ roles: roles.join(',') })
      .where('id', '=', holder.id)
      .execute()
  }
  if (memberId !== null && !holders.some((holder) => holder.id === memberId)) {
    const member = await trx
      .selectFrom('users')
      .select('roles')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow()
    const roles = rosterRoles([...parseRoles(member.roles), 'secretary'])
    await trx
      .updateTable('users')
      .set({ roles: roles.join(',') })
      .where('id', '=', memberId)
      .execute()
  }
}

export async function createBranch(
  trx: Transaction<Database>,
  viewer: Viewer,
  input: BranchCreateBody,
  now: Date,
): Promise<number> {
  const name = requiredText(input.name, 'name')
  checkKind(input.kind, input.companyIds)
  await checkCompanies(trx, input.companyIds)
  const committee = await trx.selectFrom('committees').select('id').orderBy('id').executeTakeFirst()
  if (!committee) throw new AppError(422, 'NO_COMMITTEE', '园区尚未创建,请先运行 npm run admin:create')
  const taken = await trx.selectFrom('branches').select('id').where('name', '=', name).executeTakeFirst()
  if (taken) throw nameTaken()
  let id: number
  try {
    const row = await trx
      .insertInto('branches')
      .values({
        name,
        kind: input.kind,
        committee_id: committee.id,
        company_id: input.companyIds[0] ?? null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error
  }
  await coverCompanies(trx, id, input.companyIds)
  await recordCompanyStates(trx, now, input.companyIds)
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'branch.create',
      entity: 'branch',
      entityId: id,
      before: null,
      after: (await branchState(trx, id)) ?? null,
    },
    now,
  )
  return id
}

export async function updateBranch(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  input: BranchPatchBody,
  now: Date,
): Promise<void> {
  const before = await branchState(trx, id)
  if (!before) throw notFound('党支部不存在')
  if (input.name !== undefined) {
    const name = requiredText(input.name, 'name')
    const taken = await trx
      .selectFrom('branches')
      .select('id')
      .where('name', '=', name)
      .where('id', '<>', id)
      .executeTakeFirst()
    if (taken) throw nameTaken()
    await trx.updateTable('branches').set({ name }).where('id', '=', id).execute()
  }
  if (input.companyIds !== undefined) {
    checkKind(before.kind as BranchKind, input.companyIds)
    await checkCompanies(trx, input.companyIds)
    await coverCompanies(trx, id, input.companyIds)
    // The companies it let go and the ones it took (perhaps from another branch).
    await recordCompanyStates(trx, now, [...(before.companyIds as number[]), ...input.companyIds])
  }
  if (input.secretaryId !== undefined) await setSecretary(trx, id, input.secretaryId)
  const after = (await branchState(trx, id)) as State
  const diff = changedFields(before, after)
  if (Object.keys(diff.after).length === 0) return
  await recordChange(
    trx,
    { actorId: viewer.id, action: 'branch.update', entity: 'branch', entityId: id, ...diff },
    now,
  )
}
