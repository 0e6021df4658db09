import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import type { Viewer } from '../access'
import { recordChange } from './audit'
import { alreadyBound } from './invites'

/*
 * Binding: a WeChat account that is not on the roster yet becomes a roster entry's account. The
 * entry takes the account's openid (so the next WeChat login is that member), what the account
 * did before joining (park-wide signups, reads, points, messages) moves over, and the empty
 * account is retired: inactive, its logins ended.
 */

export const notOnRoster = () =>
  new AppError(404, 'NOT_ON_ROSTER', '花名册中没有这个手机号,请联系支部书记,或提交入支部申请')

/**
 * Per table: the column that must stay unique per person when rows move (null: none), and the
 * condition under which two rows of one key clash (a partial unique index), for a row alias.
 */
const MOVABLE: ReadonlyArray<{ table: string; key: string | null; clashWhen?: (alias: string) => string }> = [
  { table: 'announcement_reads', key: 'announcement_id' },
  { table: 'event_signups', key: 'event_id', clashWhen: (alias) => `${alias}.status <> 'cancelled'` },
  { table: 'notifications', key: null },
  { table: 'course_enrolments', key: 'course_id' },
  { table: 'checkins', key: 'session_id' },
  { table: 'points_ledger', key: 'object_key' },
  { table: 'material_reads', key: 'material_id', clashWhen: (alias) => `${alias}.closed_at is null` },
]

/** Moves a person's rows to another person, leaving the ones the other already has an equivalent of. */
async function moveActivity(trx: Transaction<Database>, from: number, to: number): Promise<void> {
  for (const { table, key, clashWhen } of MOVABLE) {
    const t = sql.table(table)
    if (key === null) {
      await sql`update ${t} set user_id = ${to} where user_id = ${from}`.execute(trx)
      continue
    }
    const k = sql.ref(key)
    const clash = clashWhen ? sql.raw(`(${clashWhen('other')} and ${clashWhen(table)})`) : sql`1 = 1`
    await sql`update ${t} set user_id = ${to}
      where user_id = ${from}
        and not exists (
          select 1 from ${t} as other
          where other.user_id = ${to} and other.${k} = ${sql.ref(`${table}.${key}`)} and ${clash})`.execute(
      trx,
    )
  }
}

/**
 * Binds the signed-in account (not on the roster) to a roster entry and answers the entry's id.
 * 409 ALREADY_BOUND when the viewer is on the roster already or the entry has another account.
 */
export async function bindAccount(
  trx: Transaction<Database>,
  viewer: Viewer,
  memberId: number,
  via: 'invite' | 'phone',
  now: Date,
): Promise<number> {
  if (viewer.onRoster) throw alreadyBound('你已在花名册中,无需再次绑定')
  const account = await trx
    .selectFrom('users')
    .select(['id', 'wechat_openid'])
    .where('id', '=', viewer.id)
    .executeTakeFirstOrThrow()
  const member = await trx
    .selectFrom('users')
    .select(['id', 'wechat_openid', 'active', 'roles'])
    .where('id', '=', memberId)
    .executeTakeFirst()
  if (!member || member.active !== 1 || member.roles === '') throw notOnRoster()
  if (member.wechat_openid !== null) throw alreadyBound('该成员已绑定其他微信账号,如有疑问请联系支部书记')

  const at = now.toISOString()
  // Login tokens carry their issue time in whole seconds, stamped by the wall clock.
  await trx
    .updateTable('users')
    .set({ wechat_openid: null, active: 0, sessions_valid_after: new Date().toISOString() })
    .where('id', '=', account.id)
    .execute()
  const bound = await trx
    .updateTable('users')
    .set({ wechat_openid: account.wechat_openid })
    .where('id', '=', member.id)
    .where('wechat_openid', 'is', null)
    .executeTakeFirst()
  if (Number(bound.numUpdatedRows) !== 1) throw alreadyBound()
  await moveActivity(trx, account.id, member.id)
  // Pending requests of the retired account are moot now.
  await trx
    .updateTable('join_requests')
    .set({ status: 'rejected', reason: '已通过其他方式加入', decided_at: at })
    .where('user_id', '=', account.id)
    .where('status', '=', 'pending')
    .execute()
  await recordChange(
    trx,
    {
      actorId: member.id,
      action: 'member.bind',
      entity: 'member',
      entityId: member.id,
      before: { bound: false },
      after: { bound: true, via, account: account.id },
    },
    now,
  )
  return member.id
}
