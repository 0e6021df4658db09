import type { Kysely } from 'kysely'
import { dialectOf } from '../../db/connect'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, notFound } from '../../errors'
import type { ReadingClosed, ReadingStarted } from '../../schemas'
import { canView, type Viewer } from '../access'
import { awardUnits } from './ledger'

/*
 * Reading time of study materials, measured by the server alone: the phone says when a material
 * page opens and closes, the server keeps its own clock for both, and the points follow from the
 * whole minutes in between. The phone never sends a time or a number.
 */

const MINUTE = 60 * 1000
/** One study_material unit (+1 point) per full span of reading. */
export const MINUTES_PER_POINT = 4
/** A single reading never counts for more than this, however long the page stayed open. */
export const MAX_READING_MINUTES = 60

export const materialNotFound = () => notFound('学习资料不存在或无权查看')
const readingNotFound = () => notFound('阅读记录不存在')
const readingClosed = () => new AppError(409, 'READING_CLOSED', '本次阅读已结束,请重新打开资料')

async function findVisibleMaterialTitle(db: Kysely<Database>, viewer: Viewer, materialId: number) {
  const row = await db
    .selectFrom('materials as m')
    .innerJoin('courses as c', 'c.id', 'm.course_id')
    .select(['m.id', 'm.title', 'c.branch_id'])
    .where('m.id', '=', materialId)
    .executeTakeFirst()
  return row && canView(viewer, { branchId: row.branch_id }) ? row : undefined
}

/** Whole minutes counted for a reading from `openedAt` to `now`. */
export function countedMinutes(openedAt: string, now: Date): number {
  const minutes = Math.floor((now.getTime() - Date.parse(openedAt)) / MINUTE)
  return Math.max(0, Math.min(MAX_READING_MINUTES, minutes))
}

interface OpenReading {
  id: number
  user_id: number
  material_id: number
  opened_at: string
}

/** Closes one open reading at `now` and awards its points; false when it was closed meanwhile. */
async function finishReading(
  trx: Kysely<Database>,
  reading: OpenReading,
  title: string | null,
  now: Date,
): Promise<ReadingClosed | null> {
  const minutes = countedMinutes(reading.opened_at, now)
  const closed = await trx
    .updateTable('material_reads')
    .set({ closed_at: now.toISOString(), minutes_awarded: minutes })
    .where('id', '=', reading.id)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  if (Number(closed.numUpdatedRows) !== 1) return null

  const units = Math.floor(minutes / MINUTES_PER_POINT)
  const pointsAwarded =
    units < 1
      ? 0
      : await awardUnits(trx, {
          userId: reading.user_id,
          rule: 'study_material',
          objectType: 'material',
          objectId: reading.material_id,
          units,
          now,
          ...(title !== null ? { reason: `学习资料《${title}》阅读 ${minutes} 分钟` } : {}),
        })
  if (pointsAwarded > 0) {
    await trx
      .updateTable('material_reads')
      .set({ points_awarded: pointsAwarded })
      .where('id', '=', reading.id)
      .execute()
  }
  return { minutes, pointsAwarded }
}

async function titleOfMaterial(trx: Kysely<Database>, materialId: number): Promise<string | null> {
  const row = await trx
    .selectFrom('materials')
    .select('title')
    .where('id', '=', materialId)
    .executeTakeFirst()
  return row?.title ?? null
}

/**
 * Starts timing a material for the member. A member reads one thing at a time: a reading still
 * open from before ends now and is counted, so the same minutes never count twice.
 */
export async function openReading(
  db: Kysely<Database>,
  viewer: Viewer,
  materialId: number,
  now: Date,
): Promise<ReadingStarted> {
  const material = await findVisibleMaterialTitle(db, viewer, materialId)
  if (!material) throw materialNotFound()

  const attempt = () =>
    db.transaction().execute(async (trx) => {
      // One member's opens run one after another (SQLite has a single writer anyway).
      if (dialectOf(db) === 'postgres') {
        await trx.selectFrom('users').select('id').where('id', '=', viewer.id).forUpdate().execute()
      }
      const open = await trx
        .selectFrom('material_reads')
        .select(['id', 'user_id', 'material_id', 'opened_at'])
        .where('user_id', '=', viewer.id)
        .where('closed_at', 'is', null)
        .execute()
      for (const reading of open) {
        await finishReading(trx, reading, await titleOfMaterial(trx, reading.material_id), now)
      }
      const { id } = await trx
        .insertInto('material_reads')
        .values({
          user_id: viewer.id,
          material_id: materialId,
          opened_at: now.toISOString(),
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { readingId: id, openedAt: now.toISOString() }
    })

  try {
    return await attempt()
  } catch (error) {
    // Belt and braces: another open of the same member won the one-open-reading index.
    if (!isUniqueViolation(error)) throw error
    return attempt()
  }
}

/** Stops timing a reading and awards +1 per full 4 minutes (capped per day); a reading closes once. */
export async function closeReading(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { materialId: number; readingId: number },
  now: Date,
): Promise<ReadingClosed> {
  const material = await findVisibleMaterialTitle(db, viewer, input.materialId)
  if (!material) throw materialNotFound()
  return db.transaction().execute(async (trx) => {
    const reading = await trx
      .selectFrom('material_reads')
      .select(['id', 'user_id', 'material_id', 'opened_at', 'closed_at'])
      .where('id', '=', input.readingId)
      .where('user_id', '=', viewer.id)
      .where('material_id', '=', input.materialId)
      .executeTakeFirst()
    if (!reading) throw readingNotFound()
    if (reading.closed_at !== null) throw readingClosed()
    const result = await finishReading(trx, reading, material.title, now)
    if (!result) throw readingClosed()
    return result
  })
}
