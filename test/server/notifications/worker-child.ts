/*
 * A server process's notification worker on its own, for the crash test: with CRASH_AFTER_CLAIM=1
 * it dies (SIGKILL, as kill -9) right after its first claim commits and before anything is sent.
 */
import { buildApp } from '../../../server/src/app'
import { loadConfig } from '../../../server/src/config'

async function main(): Promise<void> {
  const crash = process.env.CRASH_AFTER_CLAIM === '1'
  const app = await buildApp(loadConfig(process.env), {
    notifier: {
      pollMs: 100,
      leaseMs: 1000,
      afterClaim: (ids) => {
        process.stdout.write(`claimed ${ids.join(',')}\n`)
        if (crash) process.kill(process.pid, 'SIGKILL')
      },
    },
  })
  // Listening, as a real server does: the worker's timer is unref'd, so without a server (or with
  // only idle pool connections that time out) the process could end on its own before its claim.
  await app.listen({ port: 0, host: '127.0.0.1' })
  app.notifier.start()
  process.stdout.write('worker started\n')
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0))
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
