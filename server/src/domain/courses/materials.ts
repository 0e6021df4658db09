import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { MaterialCreate, MaterialPatch } from '../../schemas'
import type { Viewer } from '../access'
import { requiredText } from '../input'
import { findManagedCourse, findManagedMaterial } from './repository'
import { materialSummaryOf, readMinutesOf } from './rules'

/*
 * A course's study materials as its organiser writes them: a title and a body (one paragraph per
 * line, `#` for a heading). Summary and reading time follow the body, worked out here.
 */

function bodyFields(text: string) {
  const body = requiredText(text, 'body')
  return { body, summary: materialSummaryOf(body), read_minutes: readMinutesOf(body) }
}

/** Adds a material at the end of the course's list; answers its id. */
export async function createMaterial(
  trx: Kysely<Database>,
  viewer: Viewer,
  courseId: number,
  input: MaterialCreate,
): Promise<number> {
  await findManagedCourse(trx, viewer, courseId)
  const last = await trx
    .selectFrom('materials')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('course_id', '=', courseId)
    .executeTakeFirstOrThrow()
  const { id } = await trx
    .insertInto('materials')
    .values({
      course_id: courseId,
      title: requiredText(input.title, 'title'),
      position: Number(last.position ?? 0) + 1,
      ...bodyFields(input.body),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateMaterial(
  trx: Kysely<Database>,
  viewer: Viewer,
  materialId: number,
  patch: MaterialPatch,
): Promise<void> {
  await findManagedMaterial(trx, viewer, materialId)
  await trx
    .updateTable('materials')
    .set({
      ...(patch.title !== undefined ? { title: requiredText(patch.title, 'title') } : {}),
      ...(patch.body !== undefined ? bodyFields(patch.body) : {}),
    })
    .where('id', '=', materialId)
    .execute()
}

/** Deletes a material; readings already timed stay as the members' history (and their points). */
export async function deleteMaterial(
  trx: Kysely<Database>,
  viewer: Viewer,
  materialId: number,
): Promise<number> {
  const material = await findManagedMaterial(trx, viewer, materialId)
  await trx.deleteFrom('materials').where('id', '=', materialId).execute()
  return material.course_id
}
