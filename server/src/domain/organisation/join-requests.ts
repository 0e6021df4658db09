import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, notFound, validationFailed } from '../../errors'
import type { JoinRequestCreateBody } from '../../schemas'
import type { Viewer } from '../access'
import { optionalText, requiredText } from '../input'
import { recordChange } from './audit'
import { alreadyBound } from './invites'
import { joinRequestDecided } from './join-hooks'
import { phoneTaken } from './members'
import { findManagedJoinRequest } from './repository'

/* 入支部申请: someone not on the roster asks a branch to take them; its secretary (or the park) decides. */

const alreadyPending = () => new AppError(409, 'ALREADY_PENDING', '你已提交过申请,请等待支部书记审核')
const notPending = () => new AppError(409, 'ALREADY_DECIDED', '该申请已处理')

export async function createJoinRequest(
  trx: Transaction<Database>,
  viewer: Viewer,
  input: JoinRequestCreateBody,
  now: Date,
): Promise<number> {
  if (viewer.onRoster) throw alreadyBound('你已在花名册中,无需申请')
  const name = requiredText(input.name, 'name')
  const company = await trx
    .selectFrom('companies')
    .select(['id', 'branch_id', 'status'])
    .where('id', '=', input.companyId)
    .executeTakeFirst()
  if (!company) throw validationFailed('body/companyId 对应的企业不存在')
  const branch = await trx
    .selectFrom('branches')
    .select('id')
    .where('id', '=', input.branchId)
    .executeTakeFirst()
  if (!branch) throw validationFailed('body/branchId 对应的支部不存在')
  if (company.branch_id !== branch.id) {
    throw new AppError(422, 'COMPANY_NOT_IN_BRANCH', '所选企业不属于该党支部,请重新选择')
  }
  const pending = await trx
    .selectFrom('join_requests')
    .select('id')
    .where('user_id', '=', viewer.id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (pending) throw alreadyPending()
  const holder = await trx
    .selectFrom('users')
    .select('id')
    .where('phone', '=', input.phone)
    .executeTakeFirst()
  if (holder) {
    throw new AppError(409, 'PHONE_TAKEN', '该手机号已在花名册中,请使用“手机号快速验证”或邀请码加入')
  }
  let id: number
  try {
    const row = await trx
      .insertInto('join_requests')
      .values({
        user_id: viewer.id,
        branch_id: branch.id,
        company_id: company.id,
        name,
        phone: input.phone,
        note: optionalText(input.note) ?? '',
        status: 'pending',
        reason: null,
        created_at: now.toISOString(),
        decided_at: null,
        decided_by: null,
        member_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  } catch (error) {
    throw isUniqueViolation(error) ? alreadyPending() : error
  }
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'join_request.create',
      entity: 'join_request',
      entityId: id,
      before: null,
      after: { branchId: branch.id, companyId: company.id, name, phone: input.phone, status: 'pending' },
    },
    now,
  )
  return id
}

/** Marks a pending request decided (a guarded update: two deciders cannot both win). */
async function decide(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  fields: { status: 'approved' | 'rejected'; reason: string | null; member_id: number | null },
  now: Date,
): Promise<void> {
  const done = await trx
    .updateTable('join_requests')
    .set({ ...fields, decided_at: now.toISOString(), decided_by: viewer.id })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw notPending()
}

/**
 * Approves a request: the asking account itself goes on the roster (name, phone, company and
 * branch as asked; 政治面貌 群众 until the secretary records otherwise), so it is bound at once.
 */
export async function approveJoinRequest(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  now: Date,
): Promise<void> {
  const request = await findManagedJoinRequest(trx, viewer, id)
  if (!request) throw notFound('申请不存在')
  if (request.status !== 'pending') throw notPending()
  const asker = await trx
    .selectFrom('users')
    .select(['id', 'roles', 'active'])
    .where('id', '=', request.user_id)
    .executeTakeFirstOrThrow()
  if (asker.roles !== '' || asker.active !== 1) throw alreadyBound('申请人已通过其他方式加入')
  const holder = await trx
    .selectFrom('users')
    .select('id')
    .where('phone', '=', request.phone)
    .where('id', '<>', asker.id)
    .executeTakeFirst()
  if (holder) throw phoneTaken()
  await decide(trx, viewer, id, { status: 'approved', reason: null, member_id: asker.id }, now)
  const fields = {
    name: request.name,
    phone: request.phone,
    company_id: request.company_id,
    branch_id: request.branch_id,
    political_status: 'masses' as const,
    is_ceo: 0,
    roles: 'member',
  }
  try {
    await trx.updateTable('users').set(fields).where('id', '=', asker.id).execute()
  } catch (error) {
    throw isUniqueViolation(error) ? phoneTaken() : error
  }
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'join_request.approve',
      entity: 'join_request',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'approved', memberId: asker.id },
    },
    now,
  )
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'member.create',
      entity: 'member',
      entityId: asker.id,
      before: null,
      after: {
        name: fields.name,
        phone: fields.phone,
        companyId: fields.company_id,
        branchId: fields.branch_id,
        politicalStatus: fields.political_status,
        isCeo: false,
        roles: ['member'],
        active: true,
      },
    },
    now,
  )
  await joinRequestDecided(trx, { requestId: id, userId: asker.id, approved: true, reason: null }, now)
}

export async function rejectJoinRequest(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  reasonText: string,
  now: Date,
): Promise<void> {
  const request = await findManagedJoinRequest(trx, viewer, id)
  if (!request) throw notFound('申请不存在')
  if (request.status !== 'pending') throw notPending()
  const reason = requiredText(reasonText, 'reason')
  await decide(trx, viewer, id, { status: 'rejected', reason, member_id: null }, now)
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'join_request.reject',
      entity: 'join_request',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'rejected', reason },
    },
    now,
  )
  await joinRequestDecided(trx, { requestId: id, userId: request.user_id, approved: false, reason }, now)
}
