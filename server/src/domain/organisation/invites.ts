import { randomInt } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { AppError, notFound } from '../../errors'
import type { Invite } from '../../schemas'
import type { Viewer } from '../access'
import { PICKUP_ALPHABET } from '../health-packages/pickup-code'
import { recordChange } from './audit'
import { findManagedMember } from './repository'

/* 邀请码: a secretary invites a roster entry; the person binds their WeChat (or signs in on H5) with it. */

export const INVITE_LENGTH = 8
export const INVITE_DAYS = 7

export const inviteInvalid = () =>
  new AppError(422, 'INVITE_INVALID', '邀请码无效、已使用或已过期,请向支部书记重新索取')
export const alreadyBound = (message = '该成员已绑定微信账号') => new AppError(409, 'ALREADY_BOUND', message)

function newInviteCode(): string {
  let code = ''
  for (let i = 0; i < INVITE_LENGTH; i++) code += PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]
  return code
}

/**
 * A new one-time invite for a roster entry the viewer runs, valid 7 days; earlier unused invites
 * of that person stop working.
 */
export async function createInvite(
  trx: Transaction<Database>,
  viewer: Viewer,
  memberId: number,
  now: Date,
): Promise<Invite> {
  const member = await findManagedMember(trx, viewer, memberId)
  if (!member) throw notFound('成员不存在')
  if (member.active !== 1) throw new AppError(422, 'MEMBER_INACTIVE', '该成员已离开园区')
  if (member.wechat_openid !== null) throw alreadyBound()
  const at = now.toISOString()
  await trx
    .updateTable('invites')
    .set({ expires_at: at })
    .where('user_id', '=', memberId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .execute()
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 3600 * 1000).toISOString()
  for (let attempt = 0; ; attempt++) {
    const code = newInviteCode()
    const clash = await trx.selectFrom('invites').select('id').where('code', '=', code).executeTakeFirst()
    if (clash && attempt < 5) continue
    if (clash) throw new AppError(503, 'TRY_AGAIN', '请稍后再试')
    const row = await trx
      .insertInto('invites')
      .values({ user_id: memberId, code, expires_at: expiresAt, created_by: viewer.id, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordChange(
      trx,
      {
        actorId: viewer.id,
        action: 'invite.create',
        entity: 'invite',
        entityId: row.id,
        before: null,
        after: { memberId, expiresAt },
      },
      now,
    )
    return { code, expiresAt }
  }
}

/**
 * Uses up an invite: the roster entry it names, once. A guarded update, so two people racing with
 * one code cannot both have it.
 */
export async function redeemInvite(
  trx: Transaction<Database>,
  code: string,
  now: Date,
): Promise<{ inviteId: number; memberId: number }> {
  const at = now.toISOString()
  const invite = await trx
    .selectFrom('invites as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.user_id', 'u.active', 'u.roles', 'u.wechat_openid'])
    .where('i.code', '=', code.toUpperCase())
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', at)
    .executeTakeFirst()
  if (!invite || invite.active !== 1 || invite.roles === '') throw inviteInvalid()
  if (invite.wechat_openid !== null) throw alreadyBound()
  const used = await trx
    .updateTable('invites')
    .set({ used_at: at })
    .where('id', '=', invite.id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) throw inviteInvalid()
  return { inviteId: invite.id, memberId: invite.user_id }
}
