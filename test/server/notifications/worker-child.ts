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
