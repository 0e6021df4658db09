import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { forbidden, validationFailed, type AppError } from '../../errors'
import type { NamedRef } from '../../schemas'
import { findBranch } from '../organisation/repository'
import { isOrganiser } from './rules'
import type { Viewer } from './viewer'

/** The words of the refusals, e.g. `{ verb: '创建', noun: '活动' }`. */
export interface Action {
  verb: string
  noun: string
}

/**
 * Which branch the viewer acts for when they create something, or read figures, for a branch or
 * for the park (null). `requested` is what the client asked for: a branch id, null for park-wide,
 * undefined for the default — a secretary's own branch, the park for a park admin. Park admins may
 * act for the park or any branch; a secretary only for their own branch.
 */
export async function branchToActFor(
  db: Kysely<Database>,
  viewer: Viewer,
  requested: number | null | undefined,
  action: Action,
  unknownBranch: () => AppError = () => validationFailed('body/branchId 对应的支部不存在'),
): Promise<NamedRef | null> {
  const { verb, noun } = action
  if (!isOrganiser(viewer)) throw forbidden(`只有支部书记或园区管理员可以${verb}${noun}`)
  if (viewer.parkAdmin) {
    if (requested === undefined || requested === null) return null
    const branch = await findBranch(db, requested)
    if (!branch) throw unknownBranch()
    return branch
  }
  if (requested === null) throw forbidden(`只有园区管理员可以${verb}园区${noun}`)
  if (requested !== undefined && requested !== viewer.branchId) throw forbidden(`只能${verb}本支部的${noun}`)
  const own = viewer.branchId === null ? undefined : await findBranch(db, viewer.branchId)
  if (!own) throw forbidden(`只有支部书记或园区管理员可以${verb}${noun}`)
  return own
}
