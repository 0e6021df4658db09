import { spawn } from 'node:child_process'
import path from 'node:path'
import { buildApp } from '../../../server/src/app'
import { migrateToLatest } from '../../../server/src/db/migrate'
import { notify } from '../../../server/src/domain/notifications/notify'
import { importantNotice } from '../../../server/src/domain/notifications/messages'
import { fakeWechatMessages, TEMPLATE_ENV } from '../fake-wechat-messages'
import { addMembers, databases } from '../harness'

/*
 * At least once, and once only: a worker killed with SIGKILL between claiming a message and sending
 * it leaves the claim to run out; the next worker sends it, exactly once, with the same reserved
 * subscription. Real processes, a real kill.
 */

const child = path.join(__dirname, 'worker-child.ts')

function runWorker(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return { proc, exited, output: () => output }
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.each(databases)('a worker killed between claim and send, on $name', (database) => {
  it('is sent after the restart, and not twice', async () => {
    const wechat = fakeWechatMessages()
    const apiBase = await wechat.start()
    const { config, cleanup } = await database.makeConfig({ ...TEMPLATE_ENV, WECHAT_API_BASE: apiBase })
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-that-is-long-enough',
      DATA_DIR: config.dataDir,
      STATIC_DIR: config.staticDir,
      WECHAT_API_BASE: apiBase,
      ...TEMPLATE_ENV,
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
      ...(config.databaseSchema ? { DATABASE_SCHEMA: config.databaseSchema } : {}),
    }
    const app = await buildApp(config)
    const workers: Array<ReturnType<typeof runWorker>> = []
    try {
      await migrateToLatest(app.db)
      const [memberId] = await addMembers(app, 1)
      const now = new Date()
      await app.db
        .insertInto('wechat_subscriptions')
        .values({
          user_id: memberId!,
          template_id: 'tpl-notice',
          accepted_at: now.toISOString(),
          outbox_id: null,
          used_at: null,
        })
        .execute()
      await app.db.transaction().execute((trx) =>
        notify(
          trx,
          [
            importantNotice(
              {
                id: 1,
                title: '关于开展主题党日活动的通知',
                published_at: now.toISOString(),
                from: '园区党委',
              },
              memberId!,
            ),
          ],
          now,
        ),
      )
      const outbox = () =>
        app.db
          .selectFrom('notification_outbox')
          .select(['status', 'attempts', 'claimed_until'])
          .executeTakeFirstOrThrow()

      const doomed = runWorker({ ...env, CRASH_AFTER_CLAIM: '1' })
      workers.push(doomed)
      expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' })
      expect(doomed.output()).toMatch(/claimed \d+/)
      expect(wechat.sent).toHaveLength(0)
      const claimed = await outbox()
      expect(claimed).toMatchObject({ status: 'pending', attempts: 1 })
      expect(claimed.claimed_until).not.toBeNull()

      const next = runWorker(env)
      workers.push(next)
      await until(() => wechat.sent.length > 0, 20_000)
      // A few more polls: nothing is sent again.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(wechat.sent).toHaveLength(1)
      expect(wechat.sent[0]).toMatchObject({
        template_id: 'tpl-notice',
        page: 'packages/notice/detail/index?id=1',
      })
      expect(await outbox()).toMatchObject({ status: 'sent', attempts: 2, claimed_until: null })
      const subscriptions = await app.db.selectFrom('wechat_subscriptions').select(['used_at']).execute()
      expect(subscriptions).toHaveLength(1)
      expect(subscriptions[0]!.used_at).not.toBeNull()
      next.proc.kill('SIGTERM')
      expect((await next.exited).code).toBe(0)
    } finally {
      for (const worker of workers)
        if (worker.proc.exitCode === null && worker.proc.signalCode === null) worker.proc.kill('SIGKILL')
      await app.close()
      await wechat.stop()
      await cleanup()
    }
  }, 60_000)
})
