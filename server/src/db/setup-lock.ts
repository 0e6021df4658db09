import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs'
import type { Pool } from 'pg'

/**
 * Runs `task` while holding the database's setup lock, so that instances started together on one
 * empty database migrate and seed it one after the other (the later ones find it done).
 */
export type SetupLock = <T>(task: () => Promise<T>) => Promise<T>

/**
 * PostgreSQL: a session advisory lock, held on a connection of its own for as long as the task
 * runs, keyed by the schema (tests and deployments in other schemas do not wait for each other).
 * A crashed holder's lock ends with its connection.
 */
export function postgresSetupLock(pool: Pool): SetupLock {
  return async (task) => {
    const client = await pool.connect()
    const key = "hashtext('red-e-park setup ' || current_schema())"
    try {
      await client.query(`select pg_advisory_lock(${key})`)
      try {
        return await task()
      } finally {
        await client.query(`select pg_advisory_unlock(${key})`)
      }
    } finally {
      client.release()
    }
  }
}

const POLL_MS = 100
const GIVE_UP_MS = 5 * 60 * 1000

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * SQLite: a lock file beside the database, created exclusively and holding the owner's pid; a file
 * left by a process that no longer runs (killed mid-setup) is taken over.
 */
export function sqliteSetupLock(lockFile: string): SetupLock {
  return async (task) => {
    const started = Date.now()
    for (;;) {
      let fd: number
      try {
        fd = openSync(lockFile, 'wx', 0o600)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        let owner = NaN
        try {
          owner = Number(readFileSync(lockFile, 'utf8').trim())
        } catch {
          // Removed meanwhile: try again at once.
          continue
        }
        // An empty file is one being written this instant; only a named dead owner is stale.
        if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
          rmSync(lockFile, { force: true })
          continue
        }
        if (Date.now() - started > GIVE_UP_MS) throw new Error(`${lockFile} is held by process ${owner}`)
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
        continue
      }
      try {
        writeSync(fd, String(process.pid))
      } finally {
        closeSync(fd)
      }
      try {
        return await task()
      } finally {
        rmSync(lockFile, { force: true })
      }
    }
  }
}
