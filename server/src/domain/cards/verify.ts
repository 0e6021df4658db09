import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { CardMember, VerifiedCard } from '../../schemas'
import type { CurrentUser } from '../users/mapper'
import { findUserById } from '../users/repository'
import { verifyCard } from './card'

export const cardInvalid = () =>
  new AppError(422, 'CARD_INVALID', '无法识别的名片二维码,请让对方重新打开名片')
export const cardExpired = () =>
  new AppError(422, 'CARD_EXPIRED', '名片二维码已过期,请让对方刷新名片后重新扫码')

/** The member a scanned card names: 422 CARD_INVALID for anything forged or unknown, CARD_EXPIRED when old. */
export async function memberOfCard(
  db: Kysely<Database>,
  secret: string,
  payload: string,
  now: Date,
): Promise<CurrentUser> {
  const check = verifyCard(secret, payload, now)
  if (!check.ok) throw check.reason === 'expired' ? cardExpired() : cardInvalid()
  const member = await findUserById(db, check.userId)
  if (!member) throw cardInvalid()
  return member
}

/** The public card: what the member shows and what staff see after a scan. */
export function toCardMember(user: CurrentUser): CardMember {
  return {
    id: user.id,
    name: user.name,
    branch: user.branch,
    company: user.company,
    politicalStatus: user.politicalStatus,
  }
}

export function toVerifiedCard(user: CurrentUser): VerifiedCard {
  return {
    member: { id: user.id, name: user.name, branch: user.branch, politicalStatus: user.politicalStatus },
  }
}
