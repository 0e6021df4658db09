import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, forbidden, notFound, validationFailed } from '../../errors'
import type { ApplicationCreateBody } from '../../schemas'
import type { Viewer } from '../access'
import { isValidBirthDate } from '../organisation/rules'
import { parkDay } from '../park-time'
import { tellStageChange } from './notices'
import { oldEnough } from './rules'
import { STATUS_OF_STAGE } from './steps'

export const alreadyApplied = () => new AppError(409, 'ALREADY_APPLIED', '已有进行中的入党申请')

/**
 * A member applies (today), or their secretary enters a paper application with its historic
 * date. Either way the trail starts with `apply` and the member becomes 入党申请人.
 */
export async function createApplication(
  trx: Transaction<Database>,
  viewer: Viewer,
  input: ApplicationCreateBody,
  now: Date,
): Promise<number> {
  const today = parkDay(now)
  const paper = input.memberId !== undefined
  let memberId: number
  let appliedOn: string
  if (paper) {
    if (!viewer.secretary) throw forbidden('只有申请人所在支部的书记可以录入纸质入党申请')
    if (input.appliedAt === undefined) throw validationFailed('body/appliedAt 录入纸质申请时必填')
    memberId = input.memberId as number
    appliedOn = input.appliedAt
    if (!isValidBirthDate(appliedOn, today)) {
      throw new AppError(422, 'STEP_DATE_INVALID', '申请日期不是有效日期或晚于今天')
    }
  } else {
    if (input.appliedAt !== undefined) throw validationFailed('body/appliedAt 只用于录入纸质申请')
    if (!viewer.onRoster) throw forbidden('请先加入园区花名册')
    memberId = viewer.id
    appliedOn = today
  }
  const statement = (input.statement ?? '').trim()
  if (!paper && statement === '') throw validationFailed('body/statement 不能为空')

  const member = await trx
    .selectFrom('users')
    .select(['id', 'branch_id', 'birth_date', 'political_status', 'active', 'roles'])
    .where('id', '=', memberId)
    .executeTakeFirst()
  if (!member || member.active !== 1 || member.roles === '') throw notFound('成员不存在')
  if (paper && member.branch_id !== viewer.branchId) throw forbidden('只能为本支部的成员录入')
  if (member.branch_id === null) {
    throw new AppError(422, 'NOT_IN_BRANCH', '加入一个党支部后才能递交入党申请')
  }

  const open = await trx
    .selectFrom('application_state')
    .select('application_id')
    .where('user_id', '=', memberId)
    .where('stage', '<>', 'withdrawn')
    .executeTakeFirst()
  if (open) throw alreadyApplied()
  if (member.political_status === 'party_member' || member.political_status === 'probationary') {
    throw new AppError(422, 'ALREADY_MEMBER', '已是党员,无需递交入党申请')
  }
  const birthDate = input.birthDate ?? member.birth_date
  if (birthDate === null) throw validationFailed('body/birthDate 请填写出生日期')
  if (!isValidBirthDate(birthDate, today)) throw validationFailed('body/birthDate 不是有效的出生日期')
  if (!oldEnough(birthDate, appliedOn)) {
    throw new AppError(422, 'TOO_YOUNG', '年满十八岁才能递交入党申请')
  }

  const at = now.toISOString()
  const { id } = await trx
    .insertInto('applications')
    .values({
      user_id: memberId,
      branch_id: member.branch_id,
      statement,
      birth_date: birthDate,
      applied_on: appliedOn,
      created_by: viewer.id,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('application_steps')
    .values({
      application_id: id,
      seq: 1,
      code: 'apply',
      date: appliedOn,
      note: paper ? '纸质入党申请书补录' : '',
      months: null,
      corrects_step_id: null,
      recorded_by: viewer.id,
      recorded_at: at,
    })
    .execute()
  try {
    await trx
      .insertInto('application_state')
      .values({
        application_id: id,
        user_id: memberId,
        stage: 'applied',
        stage_since: appliedOn,
        updated_at: at,
      })
      .execute()
  } catch (error) {
    throw isUniqueViolation(error) ? alreadyApplied() : error
  }
  await trx
    .updateTable('users')
    .set({ political_status: STATUS_OF_STAGE.applied })
    .where('id', '=', memberId)
    .execute()
  await tellStageChange(trx, { applicationId: id, applicantId: memberId, stage: 'applied' }, now)
  return id
}
