/**
 * `npm run admin:create -- --name 张三 --phone 13800000000 [--park 湖里创新园互联网行业联合党委]`
 *
 * Going live without the demo: creates the park (its joint party committee) if there is none yet,
 * and puts its first park admin on the roster. That person signs in with WeChat and binds by
 * their phone number (手机号快速验证), then sets everything else up in the app. Uses the same
 * environment as the server (DATA_DIR or DATABASE_URL) and migrates first.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../config'
import { recordChange } from '../domain/organisation/audit'
import { normalisePhone } from '../domain/organisation/rules'
import { createDb } from './connect'
import { migrateToLatest } from './migrate'

const USAGE = 'usage: npm run admin:create -- --name <姓名> --phone <手机号> [--park <联合党委名称>]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, phone: { type: 'string' }, park: { type: 'string' } },
  })
  const name = values.name?.trim()
  const phone = values.phone === undefined ? null : normalisePhone(values.phone)
  if (!name || !phone) {
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  const config = loadConfig()
  const { db, underSetupLock, destroy } = createDb(config)
  try {
    await underSetupLock(async () => {
      await migrateToLatest(db)
      await db.transaction().execute(async (trx) => {
        const now = new Date()
        const committee = await trx
          .selectFrom('committees')
          .select(['id', 'name'])
          .orderBy('id')
          .executeTakeFirst()
        if (committee) {
          console.log(`park: ${committee.name} (already there)`)
        } else {
          const park = values.park?.trim() || '园区联合党委'
          await trx.insertInto('committees').values({ name: park, created_at: now.toISOString() }).execute()
          console.log(`park created: ${park}`)
        }
        const existing = await trx
          .selectFrom('users')
          .select(['id', 'roles'])
          .where('phone', '=', phone)
          .executeTakeFirst()
        if (existing) {
          const roles = new Set(existing.roles.split(',').filter(Boolean))
          roles.add('member')
          roles.add('park_admin')
          await trx
            .updateTable('users')
            .set({ roles: [...roles].join(','), active: 1 })
            .where('id', '=', existing.id)
            .execute()
          await recordChange(
            trx,
            {
              actorId: null,
              action: 'member.update',
              entity: 'member',
              entityId: existing.id,
              before: { roles: existing.roles.split(',').filter(Boolean) },
              after: { roles: [...roles] },
            },
            now,
          )
          console.log(
            `park admin: the roster entry with that phone number (id ${existing.id}) is now a park admin`,
          )
          return
        }
        const created = await trx
          .insertInto('users')
          .values({
            name,
            phone,
            wechat_openid: null,
            branch_id: null,
            company_id: null,
            political_status: 'party_member',
            is_ceo: 0,
            roles: 'member,park_admin',
            created_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await recordChange(
          trx,
          {
            actorId: null,
            action: 'member.create',
            entity: 'member',
            entityId: created.id,
            before: null,
            after: { name, phone, roles: ['member', 'park_admin'], active: true },
          },
          now,
        )
        console.log(
          `park admin created: ${name} (id ${created.id}); they sign in with WeChat and bind by this phone number`,
        )
      })
    })
  } finally {
    await destroy()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
