/**
 * `npm run bench` (last part): the roster CSV import of 2,000 people must finish in under 5 s —
 * a dry run, the import itself, and the same file again (nothing changes). On a fresh SQLite
 * database, and on a fresh schema of PostgreSQL when DATABASE_URL is set. Exits non-zero past
 * the target.
 */
import { buildApp } from '../server/src/app'
import { benchDatabase } from './lib/bench-database'
import { migrateToLatest } from '../server/src/db/migrate'
import { seedIfEmpty } from '../server/src/db/seed'
import type { ImportResult } from '../server/src/schemas'

const LINES = 2000
const TARGET_MS = 5000
const STATUSES = ['中共党员', '群众', '入党积极分子', '入党申请人', '中共预备党员']

async function run(kind: 'sqlite' | 'postgres'): Promise<boolean> {
  const { config, cleanup } = await benchDatabase(kind, 'import')
  const app = await buildApp(config)
  try {
    await migrateToLatest(app.db)
    await seedIfEmpty(app.db)
    const branches = await app.db
      .selectFrom('branches as b')
      .innerJoin('companies as c', 'c.branch_id', 'b.id')
      .select(['b.name as branch', 'c.name as company'])
      .execute()
    const admin = await app.db
      .selectFrom('users')
      .select('id')
      .where('roles', 'like', '%park_admin%')
      .executeTakeFirstOrThrow()
    const lines = Array.from({ length: LINES }, (_, n) => {
      const { branch, company } = branches[n % branches.length]!
      const phone = `177${String(n).padStart(8, '0')}`
      const birth = `${1970 + (n % 35)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`
      return `导入成员${n + 1},${phone},${company},${branch},${STATUSES[n % STATUSES.length]},${n % 40 === 0 ? '是' : '否'},${birth}`
    })
    const csv = `\uFEFF姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期\r\n${lines.join('\r\n')}\r\n`
    const headers = { authorization: `Bearer ${app.issueToken(admin.id)}`, 'content-type': 'text/csv' }
    const timed = async (query: string) => {
      const started = performance.now()
      const response = await app.inject({
        method: 'POST',
        url: `/api/members/import${query}`,
        headers,
        payload: csv,
      })
      const ms = performance.now() - started
      if (response.statusCode !== 200)
        throw new Error(`import answered ${response.statusCode}: ${response.body}`)
      return { ms, result: response.json<ImportResult>() }
    }
    const dry = await timed('?dryRun=1')
    const real = await timed('')
    const again = await timed('')
    const ok =
      real.result.created === LINES &&
      again.result.unchanged === LINES &&
      [dry, real, again].every((step) => step.ms < TARGET_MS && step.result.errors.length === 0)
    const figure = (step: { ms: number }) => `${(step.ms / 1000).toFixed(2)} s`
    console.log(
      `roster import of ${LINES} lines on ${kind}: dry run ${figure(dry)}, import ${figure(real)} ` +
        `(${real.result.created} created), again ${figure(again)} (${again.result.unchanged} unchanged) — ` +
        `${ok ? 'within' : 'OVER'} the ${TARGET_MS / 1000} s target`,
    )
    return ok
  } finally {
    await app.close()
    await cleanup()
  }
}

async function main() {
  const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
  let ok = true
  for (const kind of kinds) ok = (await run(kind)) && ok
  if (!ok) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
