import Taro from '@tarojs/taro'
import { toApiError } from '@/services/api-error'
import * as helpRequests from '@/services/help-requests'
import { LIMITS } from '../../../server/src/schemas/limits'

/*
 * Photos on a help request, from the phone: chosen before the request is filed, uploaded one by one
 * once it is. The server checks every rule (six at most, 2 MB each, JPEG/PNG/WebP by their bytes)
 * and the phone says its refusal in Chinese; the limits shown are the server's own (LIMITS).
 */

export const MAX_PHOTOS = LIMITS.helpPhotos
const MAX_PHOTO_BYTES = LIMITS.helpPhotoBytes
/** On H5 a larger photo is redrawn to this long side as JPEG before it is sent. */
export const MAX_SIDE_PX = 1600

export type PhotoState = 'waiting' | 'uploading' | 'done' | 'failed'

export interface ChosenPhoto {
  /** a temp file path (weapp) or a blob: URL (H5) */
  path: string
  size: number
  /** H5: the chosen file itself (the page's CSP lets it fetch no blob: URL) */
  file?: Blob
  state: PhotoState
}

/** What the phone says for each refusal of the server. */
const PHOTO_ERRORS: Record<string, string> = {
  PHOTO_TOO_LARGE: '照片不能超过2MB',
  TOO_MANY_PHOTOS: '最多上传6张照片',
  UNSUPPORTED_PHOTO: '只支持JPG/PNG/WEBP图片',
}

export function photoErrorMessage(error: unknown): string {
  const apiError = toApiError(error)
  return PHOTO_ERRORS[apiError.code] ?? apiError.message
}

/** The image type by the file's first bytes (as the server checks), or null. */
export function imageTypeOf(bytes: ArrayBuffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const b = new Uint8Array(bytes.slice(0, 12))
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png'
  const text = String.fromCharCode(...b)
  if (text.startsWith('RIFF') && text.slice(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** The size to draw a `width`×`height` image at so its long side is at most `max`. */
export function fitWithin(width: number, height: number, max = MAX_SIDE_PX) {
  const scale = Math.min(1, max / Math.max(width, height))
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}

/** H5: a large photo redrawn on a canvas as JPEG; a small one as it is. */
async function shrinkOnH5(path: string, original: Blob): Promise<Blob> {
  const image = new Image()
  image.src = path
  await image.decode()
  const size = fitWithin(image.naturalWidth, image.naturalHeight)
  if (size.width === image.naturalWidth && original.size <= MAX_PHOTO_BYTES) return original
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  canvas.getContext('2d')?.drawImage(image, 0, 0, size.width, size.height)
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas'))), 'image/jpeg', 0.85),
  )
}

/** The bytes of a chosen photo, ready to send. */
export async function photoBytes(path: string, file?: Blob): Promise<ArrayBuffer> {
  if (process.env.TARO_ENV === 'h5') {
    const original = file ?? (await (await fetch(path)).blob())
    return (await shrinkOnH5(path, original)).arrayBuffer()
  }
  return new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (read) => resolve(read.data as ArrayBuffer),
      fail: reject,
    }),
  )
}

/** Opens the album or the camera for up to `count` photos. */
export async function choosePhotos(
  count: number,
): Promise<Array<{ path: string; size: number; file?: Blob }>> {
  const chosen = await Taro.chooseImage({
    count,
    sizeType: ['compressed'],
    sourceType: ['album', 'camera'],
  })
  return chosen.tempFiles.slice(0, count).map((file) => ({
    path: file.path,
    size: file.size,
    file: (file as { originalFileObj?: Blob }).originalFileObj,
  }))
}

/** Sends one photo; resolves with null, or the Chinese reason it was refused. */
export async function sendPhoto(requestId: number, path: string, file?: Blob): Promise<string | null> {
  try {
    const bytes = await photoBytes(path, file)
    // The type is named by the bytes (the server checks they match); anything else it refuses.
    await helpRequests.uploadPhoto(requestId, bytes, imageTypeOf(bytes) ?? 'application/octet-stream')
    return null
  } catch (error) {
    return photoErrorMessage(error)
  }
}
