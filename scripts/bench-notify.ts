/*
 * How fast due reminders go out: 2,000 members signed up for one event whose 1-hour reminder is
 * due, each having accepted the reminder template; two app instances (each with its own pool and
 * notification worker) on one fresh schema of the PostgreSQL database at DATABASE_URL (or the local
 * `test` database) fan the reminder out and send every message through a fake WeChat server on
 * loopback. Prints the time until the last message arrived and whether any was sent twice.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { buildApp, type App } from '../server/src/app'
import { loadConfig } from '../server/src/config'
import { migrateToLatest } from '../server/src/db/migrate'
import { scheduleEventReminders } from '../server/src/domain/notifications/reminders'
import { fakeWechatMessages, TEMPLATE_ENV } from '../test/server/fake-wechat-messages'

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test'
const MEMBERS = 2000
const HOUR = 3600_000

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_URL
  const schema = `bench_notify_${randomBytes(5).toString('hex')}`
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-bench-notify-'))
  const admin = new Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const wechat = fakeWechatMessages()
  const apiBase = await wechat.start()
  // The clock stands 2 minutes after the reminder fell due.
  const startsAt = Date.now() + HOUR - 2 * 60_000
  let clock = Date.now()
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_DIR: dataDir,
    STATIC_DIR: path.join(os.tmpdir(), 'red-e-park-bench-no-h5'),
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    WECHAT_API_BASE: apiBase,
    NOTIFY_POLL_MS: '100',
    ...TEMPLATE_ENV,
  })
  const apps: App[] = []
  try {
    for (let i = 0; i < 2; i++) apps.push(await buildApp(config, { now: () => new Date(clock) }))
    const db = apps[0]!.db
    await migrateToLatest(db)

    // The park as the reminder needs it: an organiser, 2,000 members, one event they all signed up for.
    const at = new Date(clock).toISOString()
    const [organiser] = await db
      .insertInto('users')
      .values({
        name: '园区管理员',
        wechat_openid: null,
        branch_id: null,
        company_id: null,
        political_status: 'party_member',
        is_ceo: 0,
        roles: 'member,park_admin',
        created_at: at,
      })
      .returning('id')
      .execute()
    const memberIds: number[] = []
    for (let i = 0; i < MEMBERS; i += 500) {
      const rows = await db
        .insertInto('users')
        .values(
          Array.from({ length: Math.min(500, MEMBERS - i) }, (_, n) => ({
            name: `成员${i + n + 1}`,
            wechat_openid: `bench-openid-${i + n + 1}`,
            branch_id: null,
            company_id: null,
            political_status: 'party_member' as const,
            is_ceo: 0,
            roles: 'member',
            created_at: at,
          })),
        )
        .returning('id')
        .execute()
      memberIds.push(...rows.map((row) => row.id))
    }
    const event = await db
      .insertInto('events')
      .values({
        title: '红色路演:年度项目展示',
        category: 'roadshow',
        description: '',
        venue: '创新驿站路演厅',
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(startsAt + 2 * HOUR).toISOString(),
        capacity: MEMBERS,
        confirmed_count: MEMBERS,
        signup_deadline: new Date(startsAt).toISOString(),
        cancel_deadline: new Date(startsAt - 2 * HOUR).toISOString(),
        branch_id: null,
        created_by: organiser!.id,
        cancelled_at: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (let i = 0; i < memberIds.length; i += 500) {
      const chunk = memberIds.slice(i, i + 500)
      await db
        .insertInto('event_signups')
        .values(
          chunk.map((id) => ({
            event_id: event.id,
            user_id: id,
            status: 'confirmed' as const,
            waitlist_seq: null,
            created_at: at,
            confirmed_at: at,
          })),
        )
        .execute()
      await db
        .insertInto('wechat_subscriptions')
        .values(
          chunk.map((id) => ({
            user_id: id,
            template_id: TEMPLATE_ENV.WECHAT_TEMPLATE_EVENT_REMINDER,
            accepted_at: at,
            outbox_id: null,
            used_at: null,
          })),
        )
        .execute()
    }
    // Made when the event was created, three hours ago (its tomorrow reminder had passed already).
    await db
      .transaction()
      .execute((trx) =>
        scheduleEventReminders(
          trx,
          { id: event.id, starts_at: new Date(startsAt).toISOString(), cancelled_at: null },
          new Date(startsAt - 3 * HOUR),
        ),
      )
    clock = Date.now()

    const started = performance.now()
    for (const app of apps) app.notifier.start()
    while (wechat.sent.length < MEMBERS && performance.now() - started < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const elapsed = performance.now() - started
    // A few more polls: anything sent twice would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    for (const app of apps) await app.notifier.stop()

    const perMember = new Map<string, number>()
    for (const message of wechat.sent) perMember.set(message.touser, (perMember.get(message.touser) ?? 0) + 1)
    const twice = [...perMember.values()].filter((count) => count > 1).length
    const outbox = await db
      .selectFrom('notification_outbox')
      .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
      .groupBy('status')
      .execute()
    console.log('\nNotification delivery (2 instances on PostgreSQL, fake WeChat on loopback)')
    console.log(
      `  ${MEMBERS.toLocaleString('en')} due reminders: ${wechat.sent.length.toLocaleString('en')} sent in ${(elapsed / 1000).toFixed(2)} s (${Math.round(wechat.sent.length / (elapsed / 1000))}/s)`,
    )
    console.log(
      `  members reached: ${perMember.size.toLocaleString('en')}, sent twice: ${twice}, outbox: ${outbox.map((row) => `${row.status} ${row.count}`).join(', ')}`,
    )
    if (wechat.sent.length !== MEMBERS || twice !== 0 || perMember.size !== MEMBERS) {
      console.error('  FAILED: every member must get exactly one message')
      process.exitCode = 1
    }
  } finally {
    for (const app of apps) await app.close()
    await wechat.stop()
    await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
