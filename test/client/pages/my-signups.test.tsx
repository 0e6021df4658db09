import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import MySignupsPage from '@/packages/event/my-signups'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { event, member } from '../fixtures'

describe('我的报名', () => {
  beforeEach(() => {
    saveSession('token-1', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists my signups with 已报名 or my waitlist position', async () => {
    fakeApi({
      'GET /api/me/signups': {
        status: 200,
        body: {
          items: [
            { event: event({ id: 12 }), status: 'confirmed' },
            {
              event: event({ id: 13, title: '红色路演项目辅导会', status: 'full' }),
              status: 'waitlisted',
              position: 2,
            },
          ],
          nextCursor: null,
        },
      },
    })
    const { container } = render(<MySignupsPage />)
    await screen.findByText('红色路演项目辅导会')
    const states = Array.from(container.querySelectorAll('.event-card__state')).map((el) => el.textContent)
    expect(states).toEqual(['已报名', '候补第2位'])
  })

  it('when empty, leads to 活动', async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    fakeApi({ 'GET /api/me/signups': { status: 200, body: { items: [], nextCursor: null } } })
    render(<MySignupsPage />)
    expect(await screen.findByText('还没有报名的活动')).toBeInTheDocument()
    fireEvent.click(screen.getByText('去看看活动'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/events/index' })
  })
})
