import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { databases, startApp } from '../harness'

/*
 * Shutting down (SIGTERM → app.close()): requests in flight finish, and a request that arrives
 * meanwhile on a connection that is still open is answered 503 in the API's own envelope, with
 * `Connection: close`, so the client or load balancer retries elsewhere.
 */

describe.each(databases)('requests during shutdown on $name', (database) => {
  it('finishes the request in flight and answers the next one 503 SHUTTING_DOWN', async () => {
    const t = await startApp(database, { seed: false })
    let release: () => void = () => {}
    let entered: () => void = () => {}
    const inFlight = new Promise<void>((resolve) => (entered = resolve))
    const held = new Promise<void>((resolve) => (release = resolve))
    // A request the test holds open until the shutdown has begun.
    t.app.get('/api/test-hold', async () => {
      entered()
      await held
      return { done: true }
    })
    let closing: () => void = () => {}
    const closeBegun = new Promise<void>((resolve) => (closing = resolve))
    t.app.addHook('preClose', async () => closing())
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    let arrivals = 0
    let secondArrived: () => void = () => {}
    const second = new Promise<void>((resolve) => (secondArrived = resolve))
    t.app.server.on('request', () => {
      if (++arrivals === 2) secondArrived()
    })
    const { port } = t.app.server.address() as AddressInfo

    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => (received += chunk.toString()))
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    socket.write('GET /api/test-hold HTTP/1.1\r\nHost: localhost\r\n\r\n')
    await inFlight
    const closed = t.app.close()
    await closeBegun
    // A second request on the busy connection (pipelined), sent once the shutdown has begun.
    socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n')
    await second
    release()
    await ended
    await closed

    const responses = received.split(/(?=HTTP\/1\.1 )/)
    expect(responses).toHaveLength(2)
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/)
    expect(responses[0]).toContain('{"done":true}')
    const [head, body] = responses[1]!.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 503/)
    expect(head!.toLowerCase()).toContain('connection: close')
    expect(head!.toLowerCase()).toContain('retry-after:')
    expect(JSON.parse(body!)).toEqual({
      error: { code: 'SHUTTING_DOWN', message: '服务正在重启,请稍后重试' },
    })
    await t.close().catch(() => undefined)
  })
})
