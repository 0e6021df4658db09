import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createDb } from '../../../server/src/db/connect'
import { databases } from '../harness'

/*
 * Instances start together — a deploy brings up several at once on one empty database. Migrations
 * and the demo seed run under one lock, so every instance comes up and the park is seeded once.
 * The real server entry point is started here, as `npm start` would.
 */

const serverEntry = path.join(__dirname, '..', '..', '..', 'server', 'src', 'server.ts')

interface Started {
  child: ChildProcess
  url: Promise<string>
  exited: Promise<number | null>
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/[^\s]+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)))
  })
  return { child, url, exited }
}

describe.each(databases)('starting two instances at once on an empty $name database', (database) => {
  it('brings both up, migrated and seeded exactly once', async () => {
    const { config, cleanup } = await database.makeConfig()
    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: 'test-secret-that-is-long-enough',
      DATA_DIR: config.dataDir,
      STATIC_DIR: config.staticDir,
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
      ...(config.databaseSchema ? { DATABASE_SCHEMA: config.databaseSchema } : {}),
    }
    const servers = [startServer(env), startServer(env)]
    try {
      const urls = await Promise.all(servers.map((server) => server.url))
      for (const url of urls) {
        const health = await fetch(`${url}/api/health`)
        expect(health.status).toBe(200)
        const demoUsers = await fetch(`${url}/api/auth/demo-users`)
        expect(demoUsers.status).toBe(200)
        expect(((await demoUsers.json()) as unknown[]).length).toBeGreaterThan(0)
      }
      const { db, destroy } = createDb(config)
      try {
        const committees = await db.selectFrom('committees').select('id').execute()
        expect(committees).toHaveLength(1)
      } finally {
        await destroy()
      }
      // SIGTERM: each one closes cleanly.
      for (const server of servers) server.child.kill('SIGTERM')
      expect(await Promise.all(servers.map((server) => server.exited))).toEqual([0, 0])
    } finally {
      for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL')
      await cleanup()
    }
  }, 60_000)
})
