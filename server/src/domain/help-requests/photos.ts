import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { AppError, forbidden, notFound } from '../../errors'
import { HELP_PHOTO_TYPES, LIMITS, type HelpPhotoCreated, type HelpPhotoType } from '../../schemas'
import type { Viewer } from '../access'
import { photoUrl } from './photo-links'
import { findVisibleHelpRequest } from './repository'
import { mayChangePhotos, standingOf } from './rules'
import { move, record } from './write'

/*
 * Photos of a help request: at most six, each at most 2 MiB, JPEG, PNG or WebP by their bytes and
 * not only by their label. They are answered from a signed link rather than with the session token,
 * since a mini-program `<Image>` sends no Authorization header.
 */

export const photoTooLarge = () =>
  new AppError(413, 'PHOTO_TOO_LARGE', `照片不能超过${LIMITS.helpPhotoBytes / 1024 / 1024}MB`)
export const unsupportedPhoto = (message = '只支持JPG/PNG/WEBP图片') =>
  new AppError(415, 'UNSUPPORTED_PHOTO', message)
const photoNotFound = () => notFound('照片不存在或已删除')

/** The image type the bytes start as, or null for anything else. */
export function sniffImageType(bytes: Uint8Array): HelpPhotoType | null {
  const starts = (offset: number, ...values: number[]) =>
    bytes.length >= offset + values.length && values.every((value, i) => bytes[offset + i] === value)
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  // RIFF <size> WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp'
  return null
}

export const isPhotoType = (type: string): type is HelpPhotoType =>
  (HELP_PHOTO_TYPES as readonly string[]).includes(type)

/** The request as the requester may still change its photos, or why not. */
async function changeablePhotos(trx: Transaction<Database>, viewer: Viewer, id: number) {
  const row = await findVisibleHelpRequest(trx, viewer, id)
  if (!standingOf(viewer, row).requester) throw forbidden('只有求助人可以添加或删除照片')
  if (!mayChangePhotos(standingOf(viewer, row), row.status)) {
    throw new AppError(422, 'BAD_TRANSITION', '求助已关闭，不能再修改照片')
  }
  return row
}

export async function addPhoto(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  photo: { type: string; bytes: Buffer },
  secret: string,
  now: Date,
): Promise<HelpPhotoCreated> {
  const row = await changeablePhotos(trx, viewer, id)
  if (!isPhotoType(photo.type)) throw unsupportedPhoto()
  if (photo.bytes.length === 0) throw unsupportedPhoto('照片内容为空')
  if (photo.bytes.length > LIMITS.helpPhotoBytes) throw photoTooLarge()
  if (sniffImageType(photo.bytes) !== photo.type)
    throw unsupportedPhoto('照片内容与格式不符，只支持JPG/PNG/WEBP图片')
  const at = now.toISOString()
  // The guarded update holds the request's row, so two uploads at once cannot both be the sixth.
  await move(trx, row, {}, at)
  const count = await trx
    .selectFrom('help_request_photos')
    .select(trx.fn.countAll<number>().as('n'))
    .where('request_id', '=', id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= LIMITS.helpPhotos) {
    throw new AppError(409, 'TOO_MANY_PHOTOS', `最多上传${LIMITS.helpPhotos}张照片`)
  }
  const inserted = await trx
    .insertInto('help_request_photos')
    .values({
      request_id: id,
      uploader_id: viewer.id,
      content_type: photo.type,
      size: photo.bytes.length,
      bytes: photo.bytes,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await record(trx, row, viewer, { kind: 'photo_added' }, at)
  return { id: inserted.id, url: photoUrl(secret, inserted.id, now), size: photo.bytes.length }
}

export async function removePhoto(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  photoId: number,
  now: Date,
): Promise<void> {
  const row = await changeablePhotos(trx, viewer, id)
  const at = now.toISOString()
  await move(trx, row, {}, at)
  const removed = await trx
    .deleteFrom('help_request_photos')
    .where('id', '=', photoId)
    .where('request_id', '=', id)
    .executeTakeFirst()
  if (Number(removed.numDeletedRows) !== 1) throw photoNotFound()
  await record(trx, row, viewer, { kind: 'photo_removed' }, at)
}

/** The bytes behind a checked link. */
export async function readPhoto(db: Kysely<Database>, photoId: number) {
  const photo = await db
    .selectFrom('help_request_photos')
    .select(['content_type', 'bytes'])
    .where('id', '=', photoId)
    .executeTakeFirst()
  if (!photo) throw photoNotFound()
  return photo
}
