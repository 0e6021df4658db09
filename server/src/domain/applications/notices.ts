import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import type { ApplicationStage } from '../../schemas'

/*
 * Reminders of the application path. The park's notification path (`notify(trx, …)`) has not
 * landed on this branch yet; when it does, this is the one place that calls it: a stage change
 * tells the applicant, and a step that becomes due or overdue tells the branch's secretary.
 */

export interface StageChange {
  applicationId: number
  applicantId: number
  stage: ApplicationStage
}

/** Tells the applicant their application moved to a new stage. */
export async function tellStageChange(
  trx: Transaction<Database>,
  change: StageChange,
  now: Date,
): Promise<void> {
  // notify(trx, { userIds: [change.applicantId], kind: 'application', … }, now) once it is available.
  void trx
  void change
  void now
}
