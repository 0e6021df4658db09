import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, forbidden, notFound, validationFailed } from '../../errors'
import type { MemberCreateBody, MemberPatchBody, PoliticalStatus, Role } from '../../schemas'
import type { Viewer } from '../access'
import { membersWithOpenApplication, statusFollowsApplication } from '../applications/status'
import { requiredText } from '../input'
import { parkDay } from '../park-time'
import { parseRoles } from '../users/mapper'
import { changedFields, recordChange, type State } from './audit'
import { setSecretary } from './branches'
import { findManagedMember } from './repository'
import { isValidBirthDate, rosterRoles } from './rules'

/* The roster: park admins run all of it, a secretary their own branch's. */

export const phoneTaken = () => new AppError(409, 'PHONE_TAKEN', '该手机号已在花名册中')

interface MemberFields {
  name: string
  phone: string | null
  company_id: number | null
  branch_id: number | null
  political_status: PoliticalStatus
  is_ceo: number
  birth_date: string | null
  roles: string
  active: number
}

/** What the audit log shows of a roster entry. */
export function memberState(row: MemberFields): State {
  return {
    name: row.name,
    phone: row.phone,
    companyId: row.company_id,
    branchId: row.branch_id,
    politicalStatus: row.political_status,
    isCeo: row.is_ceo === 1,
    birthDate: row.birth_date,
    roles: parseRoles(row.roles),
    active: row.active === 1,
  }
}

/**
 * The company and branch of a roster entry the viewer may place: the company must exist; the
 * branch defaults to the one covering the company. A secretary places people in their own branch
 * only, and only for companies it covers.
 */
export async function placement(
  trx: Transaction<Database>,
  viewer: Viewer,
  companyId: number,
  branchId: number | null | undefined,
): Promise<{ companyId: number; branchId: number | null }> {
  const company = await trx
    .selectFrom('companies')
    .select(['id', 'branch_id'])
    .where('id', '=', companyId)
    .executeTakeFirst()
  if (!company) throw validationFailed('body/companyId 对应的企业不存在')
  const branch = branchId === undefined ? company.branch_id : branchId
  if (branch !== null) {
    const exists = await trx.selectFrom('branches').select('id').where('id', '=', branch).executeTakeFirst()
    if (!exists) throw validationFailed('body/branchId 对应的支部不存在')
  }
  if (!viewer.parkAdmin) {
    if (branch !== viewer.branchId) throw forbidden('只能管理本支部的成员')
    if (company.branch_id !== viewer.branchId) throw forbidden('该企业不在本支部范围内')
  }
  return { companyId, branchId: branch }
}

async function checkPhoneFree(trx: Transaction<Database>, phone: string, exceptId?: number) {
  let query = trx.selectFrom('users').select('id').where('phone', '=', phone)
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  if (await query.executeTakeFirst()) throw phoneTaken()
}

function checkBirthDate(value: string | null | undefined, now: Date): void {
  if (value !== null && value !== undefined && !isValidBirthDate(value, parkDay(now))) {
    throw validationFailed('body/birthDate 不是有效的出生日期')
  }
}

export async function createMember(
  trx: Transaction<Database>,
  viewer: Viewer,
  input: MemberCreateBody,
  now: Date,
): Promise<number> {
  const name = requiredText(input.name, 'name')
  checkBirthDate(input.birthDate, now)
  const place = await placement(trx, viewer, input.companyId, input.branchId)
  await checkPhoneFree(trx, input.phone)
  const fields = {
    name,
    phone: input.phone,
    company_id: place.companyId,
    branch_id: place.branchId,
    political_status: input.politicalStatus,
    is_ceo: input.isCeo ? 1 : 0,
    birth_date: input.birthDate ?? null,
    roles: 'member',
    active: 1,
  }
  let id: number
  try {
    const row = await trx
      .insertInto('users')
      .values({ ...fields, wechat_openid: null, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  } catch (error) {
    throw isUniqueViolation(error) ? phoneTaken() : error
  }
  await recordChange(
    trx,
    {
      actorId: viewer.id,
      action: 'member.create',
      entity: 'member',
      entityId: id,
      before: null,
      after: memberState(fields),
    },
    now,
  )
  return id
}

/**
 * Edits a roster entry. A secretary edits their branch's people but changes no roles and moves no
 * one out; a park admin may do both. Moving branch (组织关系转接) takes the secretary role away
 * (the new branch has its own); `active: false` ends the member's sessions at once.
 */
export async function updateMember(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  input: MemberPatchBody,
  now: Date,
): Promise<void> {
  const row = await findManagedMember(trx, viewer, id)
  if (!row) throw notFound('成员不存在')
  const before = memberState(row)
  const next: Partial<MemberFields> & { sessions_valid_after?: string } = {}

  if (input.roles !== undefined && !viewer.parkAdmin) throw forbidden('只有园区管理员可以调整角色')
  if (input.name !== undefined) next.name = requiredText(input.name, 'name')
  if (input.phone !== undefined && input.phone !== row.phone) {
    await checkPhoneFree(trx, input.phone, id)
    next.phone = input.phone
  }
  if (input.companyId !== undefined || input.branchId !== undefined) {
    if (input.branchId !== undefined && input.branchId !== row.branch_id && !viewer.parkAdmin) {
      throw forbidden('只有园区管理员可以办理组织关系转接')
    }
    const companyId = input.companyId ?? row.company_id
    if (companyId === null) throw validationFailed('body/companyId 不能为空')
    const place = await placement(trx, viewer, companyId, input.branchId ?? row.branch_id)
    next.company_id = place.companyId
    next.branch_id = place.branchId
  }
  if (input.politicalStatus !== undefined && input.politicalStatus !== row.political_status) {
    if ((await membersWithOpenApplication(trx, [id])).has(id)) throw statusFollowsApplication()
    next.political_status = input.politicalStatus
  }
  if (input.isCeo !== undefined) next.is_ceo = input.isCeo ? 1 : 0
  if (input.birthDate !== undefined) {
    checkBirthDate(input.birthDate, now)
    next.birth_date = input.birthDate
  }
  if (input.active !== undefined) {
    if (!input.active && id === viewer.id) {
      throw new AppError(422, 'SELF_DEACTIVATE', '不能将自己设为离开园区')
    }
    next.active = input.active ? 1 : 0
    // Login tokens carry their issue time in whole seconds, stamped by the wall clock.
    if (!input.active && row.active === 1) next.sessions_valid_after = new Date().toISOString()
  }

  let roles: Role[] = parseRoles(row.roles)
  if (input.roles !== undefined) {
    if (id === viewer.id && roles.includes('park_admin') && !input.roles.includes('park_admin')) {
      throw new AppError(422, 'SELF_DEMOTE', '不能取消自己的园区管理员角色')
    }
    roles = rosterRoles(input.roles)
  }
  const branchId = next.branch_id === undefined ? row.branch_id : next.branch_id
  const moved = branchId !== row.branch_id
  if (moved && input.roles === undefined) roles = roles.filter((role) => role !== 'secretary')
  const wantsSecretary = roles.includes('secretary')
  if (wantsSecretary && branchId === null) {
    throw new AppError(422, 'NOT_IN_BRANCH', '支部书记须属于一个党支部')
  }
  next.roles = rosterRoles(roles.filter((role) => role !== 'secretary')).join(',')

  try {
    await trx.updateTable('users').set(next).where('id', '=', id).execute()
  } catch (error) {
    throw isUniqueViolation(error) ? phoneTaken() : error
  }
  // The one secretary of the branch: taking the role from whoever held it there.
  const activeNow = (next.active ?? row.active) === 1
  if (wantsSecretary && activeNow && branchId !== null) await setSecretary(trx, branchId, id)

  const after = await findManagedMember(trx, { ...viewer, parkAdmin: true }, id)
  const diff = changedFields(before, memberState(after as MemberFields))
  if (Object.keys(diff.after).length === 0) return
  const action =
    diff.after.active === false ? 'member.deactivate' : moved ? 'member.transfer' : 'member.update'
  await recordChange(trx, { actorId: viewer.id, action, entity: 'member', entityId: id, ...diff }, now)
}
