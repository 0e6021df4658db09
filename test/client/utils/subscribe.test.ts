import Taro from '@tarojs/taro'
import { askToSubscribe, prepareSubscribe, resetSubscribe, SUBSCRIBE_MOMENTS } from '@/utils/subscribe'
import { saveSession } from '@/stores/session'
import { fakeApi, type RecordedCall } from '../fake-fetch'
import { member } from '../fixtures'

const TEMPLATES = {
  templates: [
    { key: 'waitlist', templateId: 'tpl-waitlist', accepted: 0 },
    { key: 'event_change', templateId: 'tpl-change', accepted: 0 },
    { key: 'event_reminder', templateId: 'tpl-reminder', accepted: 2 },
    { key: 'session_reminder', templateId: 'tpl-session', accepted: 0 },
  ],
}

describe('subscribe prompts', () => {
  const env = process.env.TARO_ENV
  let calls: RecordedCall[]
  let request: jest.Mock

  beforeEach(() => {
    saveSession('token-7', member)
    process.env.TARO_ENV = 'weapp'
    resetSubscribe()
    calls = fakeApi({
      'GET /api/me/subscriptions': { status: 200, body: TEMPLATES },
      'POST /api/me/subscriptions': { status: 201, body: TEMPLATES },
    })
    request = jest.fn()
    ;(Taro as unknown as { requestSubscribeMessage: jest.Mock }).requestSubscribeMessage = request
  })
  afterEach(() => {
    process.env.TARO_ENV = env
    jest.restoreAllMocks()
  })

  it('asks for the waitlist templates (three at most) and reports only the accepted ones', async () => {
    request.mockImplementation(({ success }) =>
      success({
        errMsg: 'requestSubscribeMessage:ok',
        'tpl-waitlist': 'accept',
        'tpl-change': 'reject',
        'tpl-reminder': 'accept',
      }),
    )
    await prepareSubscribe()
    const accepted = await askToSubscribe('eventWaitlist')
    expect(request).toHaveBeenCalledTimes(1)
    expect(request.mock.calls[0][0].tmplIds).toEqual(['tpl-waitlist', 'tpl-change', 'tpl-reminder'])
    expect(SUBSCRIBE_MOMENTS.eventWaitlist.length).toBeLessThanOrEqual(3)
    expect(accepted).toEqual(['tpl-waitlist', 'tpl-reminder'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    const posted = calls.find((call) => call.method === 'POST')
    expect(posted?.body).toEqual({ templateIds: ['tpl-waitlist', 'tpl-reminder'] })
  })

  it('asks for the session reminder when enrolling, and reports nothing when all are refused', async () => {
    request.mockImplementation(({ success }) => success({ errMsg: 'ok', 'tpl-session': 'reject' }))
    await prepareSubscribe()
    expect(await askToSubscribe('courseEnrol')).toEqual([])
    expect(request.mock.calls[0][0].tmplIds).toEqual(['tpl-session'])
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0)
  })

  it('a failed prompt never stands in the way', async () => {
    request.mockImplementation(({ fail }) => fail({ errMsg: 'requestSubscribeMessage:fail cancel' }))
    await prepareSubscribe()
    await expect(askToSubscribe('eventSignup')).resolves.toEqual([])
  })

  it('asks nothing on H5, or when the server has no templates', async () => {
    process.env.TARO_ENV = 'h5'
    await prepareSubscribe()
    expect(await askToSubscribe('eventSignup')).toEqual([])
    expect(calls).toHaveLength(0)

    process.env.TARO_ENV = 'weapp'
    fakeApi({ 'GET /api/me/subscriptions': { status: 200, body: { templates: [] } } })
    await prepareSubscribe()
    expect(await askToSubscribe('eventSignup')).toEqual([])
    expect(request).not.toHaveBeenCalled()
  })
})
