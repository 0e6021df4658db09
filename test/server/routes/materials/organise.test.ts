import type { CourseDetail, Material } from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

type Headers = Record<string, string>

describe.each(databases)('editing study materials on $name', (database) => {
  let t: TestApp
  let memberA: Headers
  let secretaryA: Headers
  let secretaryB: Headers
  let materialId: number
  let courseId: number

  beforeAll(async () => {
    t = await startApp(database)
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    const branchA = branches[0]!.id
    memberA = tokenFor(t.app, people.memberOf(branchA).id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    secretaryB = tokenFor(t.app, people.secretaryOf(branches[1]!.id).id)
    const created = await send('POST', '/api/courses', secretaryA, {
      title: '读书班',
      description: '',
      capacity: 10,
      sessions: [
        {
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 90_000_000).toISOString(),
          venue: 'A',
          lecturer: 'B',
        },
      ],
    })
    courseId = created.json<CourseDetail>().id
    const material = await send('POST', `/api/courses/${courseId}/materials`, secretaryA, {
      title: '导读',
      body: '短短一段',
    })
    materialId = material.json<Material>().id
  })
  afterAll(() => t.close())

  function send(
    method: 'POST' | 'PATCH' | 'GET' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) {
    return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  }
  const codeOf = (response: { json: () => { error: { code: string } } }) => response.json().error.code

  it('edits the title and body; summary and reading time follow the body', async () => {
    // 5 characters of heading and 1,200 of text at 300 a minute: 5 minutes.
    const body = `# 一、背景\n${'党'.repeat(1200)}`
    const response = await send('PATCH', `/api/materials/${materialId}`, secretaryA, { body })
    expect(response.statusCode).toBe(200)
    expect(response.json<Material>()).toMatchObject({ title: '导读', body, readMinutes: 5 })
    expect(response.json<Material>().summary).toMatch(/^党+…$/)
    const renamed = await send('PATCH', `/api/materials/${materialId}`, secretaryA, { title: '导读(修订)' })
    expect(renamed.json<Material>()).toMatchObject({ title: '导读(修订)', readMinutes: 5 })
  })

  it('refuses bad input, other branches and members', async () => {
    for (const body of [{}, { title: ' ' }, { body: 5 }, { courseId: 1 }]) {
      const response = await send('PATCH', `/api/materials/${materialId}`, secretaryA, body)
      expect([response.statusCode, codeOf(response)]).toEqual([400, 'VALIDATION_FAILED'])
    }
    expect((await send('PATCH', `/api/materials/${materialId}`, secretaryB, { title: 'x' })).statusCode).toBe(
      404,
    )
    expect((await send('DELETE', `/api/materials/${materialId}`, secretaryB)).statusCode).toBe(404)
    const member = await send('DELETE', `/api/materials/${materialId}`, memberA)
    expect([member.statusCode, codeOf(member)]).toEqual([403, 'FORBIDDEN'])
    expect((await send('PATCH', '/api/materials/999999', secretaryA, { title: 'x' })).statusCode).toBe(404)
  })

  it('deletes a material: gone from the course and its page', async () => {
    const response = await send('DELETE', `/api/materials/${materialId}`, secretaryA)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ id: materialId, deleted: true })
    expect((await send('GET', `/api/materials/${materialId}`, memberA)).statusCode).toBe(404)
    const course = (await send('GET', `/api/courses/${courseId}`, memberA)).json<CourseDetail>()
    expect(course.materials).toEqual([])
  })
})
