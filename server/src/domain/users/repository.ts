import type { Kysely } from 'kysely'
import { precompiled } from '../../db/precompiled'
import type { Database } from '../../db/types'
import { LruMap } from '../../lru'
import { demoRank, toCurrentUser, type CurrentUser, type UserJoinedRow } from './mapper'

function selectUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .leftJoin('branches as b', 'b.id', 'u.branch_id')
    .leftJoin('companies as c', 'c.id', 'u.company_id')
    .select([
      'u.id',
      'u.name',
      'u.roles',
      'u.is_ceo',
      'u.political_status',
      'u.branch_id',
      'b.name as branch_name',
      'u.company_id',
      'c.name as company_name',
      'u.phone',
      'u.active',
      'u.sessions_valid_after',
    ])
}

const userById = precompiled<{ id: number }, UserJoinedRow & { version: number }>((db, param) =>
  selectUsers(db).select('u.version').where('u.id', '=', param('id')),
)

export async function findUserById(db: Kysely<Database>, id: number): Promise<CurrentUser | undefined> {
  const [row] = await userById(db, { id })
  return row && toCurrentUser(row)
}

// Runs on every authenticated request.
const versionById = precompiled<{ id: number }, { version: number }>((db, param) =>
  db.selectFrom('users').select('version').where('id', '=', param('id')),
)

/** Signed-in users kept per process, least recently used dropped first. */
const SIGNED_IN_USERS_CACHED = 10_000

/**
 * The signed-in user of every request, kept per process with the `users.version` it was read at.
 * Each request reads that one number (a primary-key lookup) and reads the user again only when it
 * moved on, which any change of the row, or of the branch's or company's name, does in the
 * database (migration 0014): a role taken away, a move to another branch or a member who left
 * applies at the next request on every instance.
 */
export function signedInUsers(db: Kysely<Database>) {
  const cache = new LruMap<number, { user: CurrentUser; version: number }>(SIGNED_IN_USERS_CACHED)
  return async (id: number): Promise<CurrentUser | undefined> => {
    const cached = cache.get(id)
    if (cached) {
      const [current] = await versionById(db, { id })
      if (!current) {
        cache.delete(id)
        return undefined
      }
      if (current.version === cached.version) return cached.user
    }
    const [row] = await userById(db, { id })
    if (!row) return undefined
    // Shared by the requests that follow: nobody may change it in place.
    const user = Object.freeze(toCurrentUser(row))
    Object.freeze(user.roles)
    cache.set(id, { user, version: row.version })
    return user
  }
}

/**
 * Demo accounts are the seeded people still in the park, i.e. everyone on the roster who did not
 * arrive through WeChat.
 */
function demoPeople(db: Kysely<Database>) {
  return selectUsers(db)
    .where('u.wechat_openid', 'is', null)
    .where('u.active', '=', 1)
    .where('u.roles', '<>', '')
}

export async function listDemoUsers(db: Kysely<Database>): Promise<CurrentUser[]> {
  const rows = await demoPeople(db).orderBy('u.id').execute()
  return rows
    .map(toCurrentUser)
    .sort((a, b) => demoRank(a) - demoRank(b) || (a.branch?.id ?? 0) - (b.branch?.id ?? 0) || a.id - b.id)
}

export async function findDemoUser(db: Kysely<Database>, id: number): Promise<CurrentUser | undefined> {
  const row = await demoPeople(db).where('u.id', '=', id).executeTakeFirst()
  return row && toCurrentUser(row)
}

/**
 * The user behind a WeChat openid; a first login creates an account that is not on the roster
 * (no roles, no branch) until it binds to a roster entry or a join request is approved.
 */
export async function findOrCreateWechatUser(
  db: Kysely<Database>,
  openid: string,
  now = new Date(),
): Promise<CurrentUser> {
  await db
    .insertInto('users')
    .values({
      name: '微信用户',
      wechat_openid: openid,
      branch_id: null,
      company_id: null,
      political_status: 'masses',
      is_ceo: 0,
      roles: '',
      created_at: now.toISOString(),
    })
    // Two first logins racing each other end up with the same row.
    .onConflict((conflict) => conflict.column('wechat_openid').doNothing())
    .execute()
  const row = await selectUsers(db).where('u.wechat_openid', '=', openid).executeTakeFirstOrThrow()
  return toCurrentUser(row)
}
