import { ApiError } from '@/services/api-error'
import { fitWithin, imageTypeOf, photoErrorMessage } from '@/packages/help/photos'

const bytes = (...values: number[]) => new Uint8Array(values).buffer
const ascii = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0))).buffer

describe('help request photos on the phone', () => {
  it('tells the image type by the first bytes, as the server does', () => {
    expect(imageTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg')
    expect(imageTypeOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png')
    const webp = ascii('RIFF\u0000\u0000\u0000\u0000WEBPVP8L')
    expect(imageTypeOf(webp)).toBe('image/webp')
    expect(imageTypeOf(ascii('GIF89a'))).toBeNull()
    expect(imageTypeOf(new ArrayBuffer(0))).toBeNull()
  })

  it('shrinks to a long side of 1600 px, never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 })
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
  })

  it('says each refusal in plain Chinese', () => {
    expect(photoErrorMessage(new ApiError(413, 'PHOTO_TOO_LARGE', 'x'))).toBe('照片不能超过2MB')
    expect(photoErrorMessage(new ApiError(409, 'TOO_MANY_PHOTOS', 'x'))).toBe('最多上传6张照片')
    expect(photoErrorMessage(new ApiError(415, 'UNSUPPORTED_PHOTO', 'x'))).toBe('只支持JPG/PNG/WEBP图片')
    expect(photoErrorMessage(new ApiError(422, 'BAD_TRANSITION', '求助已关闭，不能再修改照片'))).toBe(
      '求助已关闭，不能再修改照片',
    )
  })
})
