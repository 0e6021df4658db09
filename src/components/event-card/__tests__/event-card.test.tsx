import { fireEvent, render, screen } from '@testing-library/react'
import type { Event } from '../../../../types/api'
import { EventCard } from '..'

const NOW = Date.parse('2026-11-21T06:00:00.000Z')

function event(overrides: Partial<Event> = {}): Event {
  return {
    id: 12,
    title: '青创沙龙第八期',
    category: 'salon',
    categoryName: '青创沙龙',
    startsAt: '2026-11-24T06:00:00.000Z',
    endsAt: '2026-11-24T08:00:00.000Z',
    venue: '创新驿站二楼多功能厅',
    capacity: 60,
    confirmedCount: 56,
    waitlistCount: 0,
    signupDeadline: '2026-11-24T06:00:00.000Z',
    cancelDeadline: '2026-11-24T04:00:00.000Z',
    status: 'open',
    branch: null,
    mySignup: null,
    canManage: false,
    ...overrides,
  }
}

function renderCard(overrides: Partial<Event> = {}) {
  const utils = render(<EventCard event={event(overrides)} now={NOW} />)
  const card = utils.container.querySelector('.event-card') as HTMLElement
  return { ...utils, card }
}

describe('EventCard', () => {
  it('shows the category, title, China-time date with how soon, and venue', () => {
    const { card } = renderCard()
    expect(screen.getByText('青创沙龙')).toBeInTheDocument()
    expect(card.querySelector('.event-card__title')).toHaveTextContent('青创沙龙第八期')
    expect(card).toHaveTextContent('11月24日 周二 14:00 · 3天后')
    expect(card).toHaveTextContent('创新驿站二楼多功能厅')
  })

  it('counts the places left from the server’s numbers', () => {
    const { card } = renderCard({ capacity: 60, confirmedCount: 56 })
    expect(card.querySelector('.event-card__places')).toHaveTextContent('剩余4个名额')
    expect(card.querySelector('.event-card__state')).toBeNull()
  })

  it('says 已满 with the waitlist, 已截止, 已取消 and 已结束', () => {
    const full = renderCard({ status: 'full', confirmedCount: 60, waitlistCount: 5 })
    expect(full.card.querySelector('.event-card__places')).toHaveTextContent('已满（候补5人）')
    full.unmount()

    const fullNoWaitlist = renderCard({ status: 'full', confirmedCount: 60 })
    expect(fullNoWaitlist.card.querySelector('.event-card__places')?.textContent).toBe('已满')
    fullNoWaitlist.unmount()

    for (const [status, text] of [
      ['closed', '已截止'],
      ['cancelled', '已取消'],
      ['ended', '已结束'],
    ] as const) {
      const { card, unmount } = renderCard({ status })
      expect(card.querySelector('.event-card__places')).toHaveTextContent(text)
      unmount()
    }
  })

  it('shows my signup: 已报名, or my waitlist position', () => {
    const confirmed = renderCard({ mySignup: { status: 'confirmed' } })
    expect(confirmed.card.querySelector('.event-card__state')).toHaveTextContent('已报名')
    confirmed.unmount()

    const waitlisted = renderCard({
      status: 'full',
      confirmedCount: 60,
      waitlistCount: 4,
      mySignup: { status: 'waitlisted', position: 3 },
    })
    expect(waitlisted.card.querySelector('.event-card__state')).toHaveTextContent('候补第3位')
    expect(waitlisted.card).toHaveAttribute('aria-label', expect.stringContaining('候补第3位'))
  })

  it('names the organising branch and opens when tapped', () => {
    const onOpen = jest.fn()
    const { container } = render(
      <EventCard event={event({ branch: { id: 3, name: '云栈科技党支部' } })} onOpen={onOpen} now={NOW} />,
    )
    expect(screen.getByText('云栈科技党支部')).toBeInTheDocument()
    fireEvent.click(container.querySelector('.event-card') as Element)
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 12 }))
  })
})
