import type { ImportResult } from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const HEADER = '姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期'

describe.each(databases)('POST /api/members/import on $name', (database) => {
  let t: TestApp
  let admin: { authorization: string }
  let secretaryA: { authorization: string }
  let companyA: string
  let branchA: string
  let companyB: string

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    const branches = await t.app.db
      .selectFrom('branches as b')
      .innerJoin('companies as c', 'c.branch_id', 'b.id')
      .select(['b.id', 'b.name', 'c.name as company'])
      .orderBy('b.id')
      .execute()
    branchA = branches[0]!.name
    companyA = branches[0]!.company
    companyB = branches[1]!.company
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branches[0]!.id).id)
  })
  afterAll(() => t.close())

  const upload = (body: string | Buffer, auth = admin, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/members/import${query}`,
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: body,
    })
  const userCount = async () =>
    Number(
      (
        await t.app.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const auditCount = async () =>
    Number(
      (
        await t.app.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  const file = (lines: string[], bom = true) => `${bom ? '\uFEFF' : ''}${[HEADER, ...lines].join('\r\n')}\r\n`

  it('imports a file saved by Excel (BOM, CRLF), and the same file again changes nothing', async () => {
    const csv = file([
      `王导入,138 0013 0001,${companyA},${branchA},中共党员,否,1990/5/1`,
      `李导入,+8613800130002,${companyA},,群众,是,`,
      `"张,导入",13800130003,${companyA},${branchA},入党积极分子,否,1995-12-31`,
    ])
    const users = await userCount()
    const dry = await upload(csv, admin, '?dryRun=1')
    expect(dry.statusCode).toBe(200)
    expect(dry.json<ImportResult>()).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
      dryRun: true,
    })
    expect(await userCount()).toBe(users)

    const first = await upload(csv)
    expect(first.json<ImportResult>()).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      errors: [],
      dryRun: false,
    })
    expect(await userCount()).toBe(users + 3)
    const row = await t.app.db
      .selectFrom('users')
      .select(['name', 'birth_date', 'is_ceo', 'political_status'])
      .where('phone', '=', '13800130001')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      name: '王导入',
      birth_date: '1990-05-01',
      is_ceo: 0,
      political_status: 'party_member',
    })

    const audits = await auditCount()
    const again = await upload(csv)
    expect(again.json<ImportResult>()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      errors: [],
      dryRun: false,
    })
    expect(await userCount()).toBe(users + 3)
    expect(await auditCount()).toBe(audits)

    // Without a BOM (WPS) the same; a changed cell is one update.
    const changed = await upload(
      file([`王导入,13800130001,${companyA},${branchA},中共党员,是,1990-05-01`], false),
    )
    expect(changed.json<ImportResult>()).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [] })
  })

  it('reports every bad line in Chinese and writes nothing when any line fails', async () => {
    const users = await userCount()
    const audits = await auditCount()
    const response = await upload(
      file([
        `好人,13800140001,${companyA},${branchA},中共党员,否,`,
        `,13800140002,${companyA},${branchA},中共党员,否,`,
        `坏号,12345,${companyA},${branchA},中共党员,否,`,
        `无公司,13800140003,不存在的公司,,中共党员,否,`,
        `怪面貌,13800140004,${companyA},${branchA},火星人,否,`,
        `怪日期,13800140005,${companyA},${branchA},群众,也许,2099-01-01`,
        `重复,13800140001,${companyA},${branchA},群众,否,`,
        '少列,13800140006',
      ]),
    )
    expect(response.statusCode).toBe(200)
    const result = response.json<ImportResult>()
    expect(result.dryRun).toBe(true)
    expect(result.errors.map((error) => error.line)).toEqual([3, 4, 5, 6, 7, 8, 9])
    const messages = result.errors.map((error) => error.message).join('\n')
    for (const text of [
      '姓名不能为空',
      '不是 11 位手机号',
      '公司“不存在的公司”不存在',
      '政治面貌“火星人”无法识别',
      '是否CEO',
      '出生日期',
      '与第 2 行重复',
      '应有 7 列',
    ]) {
      expect(messages).toContain(text)
    }
    expect(await userCount()).toBe(users)
    expect(await auditCount()).toBe(audits)
  })

  it('keeps a secretary to their own branch', async () => {
    const response = await upload(file([`外人,13800150001,${companyB},,群众,否,`]), secretaryA)
    expect(response.json<ImportResult>().errors).toEqual([{ line: 2, message: '只能导入本支部的成员' }])
    const own = await upload(file([`自己人,13800150002,${companyA},,群众,否,`]), secretaryA)
    expect(own.json<ImportResult>()).toMatchObject({ created: 1, errors: [] })
  })

  it('refuses a wrong header, a file in GBK, broken quotes and JSON', async () => {
    const header = await upload('name,phone\r\n李四,13800160001\r\n')
    expect(header.json<ImportResult>().errors[0]).toEqual({ line: 1, message: `表头应为“${HEADER}”` })
    const gbk = await upload(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x0d, 0x0a]))
    expect(gbk.statusCode).toBe(422)
    expect(gbk.json().error.code).toBe('CSV_NOT_UTF8')
    const quotes = await upload(`${HEADER}\r\n"李四,13800160001,a,b,群众,否,\r\n`)
    expect(quotes.statusCode).toBe(422)
    expect(quotes.json().error.code).toBe('CSV_MALFORMED')
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/members/import',
      headers: admin,
      payload: { csv: HEADER },
    })
    expect(json.statusCode).toBe(400)
    const plain = tokenFor(t.app, (await seededPeople(t.app)).plainMembers[0]!.id)
    expect((await upload(file([]), plain)).statusCode).toBe(403)
  })
})
