import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import type { ApplicationStage } from '../../schemas'
import { notify } from '../notifications/notify'

/*
 * What the application path tells people, through the park's one `notify` (in the caller's
 * transaction): a stage change tells the applicant in 消息.
 */

export interface StageChange {
  applicationId: number
  applicantId: number
  stage: ApplicationStage
}

const STAGE_NAMES: Record<ApplicationStage, string> = {
  applied: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
  withdrawn: '已撤回',
}

/** Tells the applicant their application moved to a new stage (once per stage). */
export async function tellStageChange(
  trx: Transaction<Database>,
  change: StageChange,
  now: Date,
): Promise<void> {
  const name = STAGE_NAMES[change.stage]
  const body =
    change.stage === 'applied'
      ? '您的入党申请已登记,支部将安排谈话。可在「我的 → 入党进度」查看每一步。'
      : change.stage === 'withdrawn'
        ? '您的入党申请已撤回。如需再次申请,可在「我的 → 入党进度」提交。'
        : `您已进入「${name}」阶段。下一步和时间要求请在「我的 → 入党进度」查看。`
  await notify(
    trx,
    [
      {
        userId: change.applicantId,
        kind: 'application_stage',
        title: change.stage === 'applied' ? '入党申请已登记' : `入党进度:${name}`,
        body,
        object: { type: 'application', id: change.applicationId },
        occasion: change.stage,
        link: '/packages/party/progress/index',
      },
    ],
    now,
  )
}
