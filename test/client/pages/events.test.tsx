import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import EventsPage from '@/pages/events'
import { saveSession } from '@/stores/session'
import { emitEventChanged } from '@/utils/events'
import { fakeApi } from '../fake-fetch'
import { event, member } from '../fixtures'

const categories = [
  { code: 'roadshow', name: '红色路演' },
  { code: 'salon', name: '青创沙龙' },
  { code: 'mentoring', name: '创业辅导' },
  { code: 'charity', name: '公益创投' },
  { code: 'ceremony', name: '授牌仪式' },
  { code: 'other', name: '其他' },
]

describe('活动', () => {
  beforeEach(() => {
    saveSession('token-1', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists upcoming events with places and my state, and filters by category and time', async () => {
    const calls = fakeApi({
      'GET /api/categories': { status: 200, body: categories },
      'GET /api/events': (call) => {
        const query = new URL(call.url, 'http://localhost').searchParams
        if (query.get('when') === 'past') {
          return {
            status: 200,
            body: { items: [event({ id: 2, title: '往期授牌仪式', status: 'ended' })], nextCursor: null },
          }
        }
        return {
          status: 200,
          body: {
            items: [
              event({ id: 12, mySignup: { status: 'confirmed' } }),
              event({
                id: 13,
                title: '红色路演项目辅导会',
                category: 'roadshow',
                status: 'full',
                confirmedCount: 60,
                waitlistCount: 5,
                mySignup: { status: 'waitlisted', position: 4 },
              }),
            ],
            nextCursor: null,
          },
        }
      },
    })
    const { container } = render(<EventsPage />)

    await screen.findByText('红色路演项目辅导会')
    const chips = Array.from(container.querySelectorAll('.category-chip')).map((chip) => chip.textContent)
    expect(chips).toEqual(['全部', '红色路演', '青创沙龙', '创业辅导', '公益创投', '授牌仪式', '其他'])
    expect(container.querySelector('.category-chip--active')).toHaveTextContent('全部')

    const cards = container.querySelectorAll('.event-card')
    expect(cards).toHaveLength(2)
    expect(cards[0].querySelector('.event-card__state')).toHaveTextContent('已报名')
    expect(cards[0]).toHaveTextContent('剩余4个名额')
    expect(cards[1].querySelector('.event-card__state')).toHaveTextContent('候补第4位')
    expect(cards[1]).toHaveTextContent('已满（候补5人）')

    fireEvent.click(screen.getByText('红色路演', { selector: '.category-chip *' }))
    await waitFor(() =>
      expect(
        calls.some((call) => call.url.includes('category=roadshow') && call.url.includes('when=upcoming')),
      ).toBe(true),
    )
    expect(container.querySelector('.category-chip--active')).toHaveTextContent('红色路演')

    fireEvent.click(screen.getByText('往期回顾'))
    expect(await screen.findByText('往期授牌仪式')).toBeInTheDocument()
    expect(container.querySelector('.event-card .event-card__places')).toHaveTextContent('已结束')
    expect(calls[calls.length - 1].url).toContain('when=past')
  })

  it('updates a card when its detail page reports a new signup', async () => {
    fakeApi({
      'GET /api/categories': { status: 200, body: categories },
      'GET /api/events': { status: 200, body: { items: [event({ id: 12 })], nextCursor: null } },
    })
    const { container } = render(<EventsPage />)
    await screen.findByText('剩余4个名额')
    expect(container.querySelector('.event-card__state')).toBeNull()

    act(() => emitEventChanged(event({ id: 12, confirmedCount: 57, mySignup: { status: 'confirmed' } })))
    expect(container.querySelector('.event-card__state')).toHaveTextContent('已报名')
    expect(container.querySelector('.event-card__places')).toHaveTextContent('剩余3个名额')
  })

  it('says so when there are no events', async () => {
    fakeApi({
      'GET /api/categories': { status: 200, body: categories },
      'GET /api/events': { status: 200, body: { items: [], nextCursor: null } },
    })
    render(<EventsPage />)
    expect(await screen.findByText('暂无即将开始的活动')).toBeInTheDocument()
  })
})
