import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { WechatSettings } from '../auth/wechat'
import { withAccessToken } from './access-token'
import { postWechat, wechatUnavailable, type WechatAnswer } from './api'

interface PhoneNumberAnswer extends WechatAnswer {
  phone_info?: { purePhoneNumber?: unknown; countryCode?: unknown }
}

/** errcode of an expired, used or made-up code of the phone-number button. */
const INVALID_CODE_ERRCODES: ReadonlySet<number> = new Set([40029, 40163, 40013])

/**
 * The phone number WeChat verified for the code of the mini-program's phone-number button
 * (`getuserphonenumber`): 11 digits, mainland numbers only. 422 PHONE_CODE_INVALID for a code
 * WeChat refuses, 502 WECHAT_UNAVAILABLE when WeChat cannot be asked.
 */
export async function verifiedPhoneNumber(
  db: Kysely<Database>,
  settings: WechatSettings,
  code: string,
  now: Date,
): Promise<string> {
  const answer = await withAccessToken(db, settings, now, (token) =>
    postWechat<PhoneNumberAnswer>(
      settings,
      '/wxa/business/getuserphonenumber',
      { code },
      { access_token: token },
    ),
  )
  if (answer.errcode !== undefined && answer.errcode !== 0) {
    if (INVALID_CODE_ERRCODES.has(answer.errcode)) {
      throw new AppError(422, 'PHONE_CODE_INVALID', '手机号验证已过期或无效,请重新点击“手机号快速验证”')
    }
    throw wechatUnavailable()
  }
  const phone = answer.phone_info?.purePhoneNumber
  const country = answer.phone_info?.countryCode
  if (typeof phone !== 'string' || !/^[0-9]{5,20}$/.test(phone)) throw wechatUnavailable()
  if (country !== undefined && String(country) !== '86') {
    throw new AppError(422, 'PHONE_NOT_SUPPORTED', '暂只支持中国大陆手机号,请使用邀请码加入')
  }
  return phone
}
