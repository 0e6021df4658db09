import { eventAction, mySignupLabel, placesLabel } from '@/utils/event-status'
import { event } from '../fixtures'

describe('event status words', () => {
  it('names my signup as the server placed me', () => {
    expect(mySignupLabel({ status: 'confirmed' })).toBe('已报名')
    expect(mySignupLabel({ status: 'waitlisted', position: 3 })).toBe('候补第3位')
  })

  it('says how many places are left, or why there are none', () => {
    expect(placesLabel(event({ capacity: 30, confirmedCount: 12 }))).toEqual({
      text: '剩余18个名额',
      tone: 'open',
    })
    expect(placesLabel(event({ status: 'full', waitlistCount: 5 })).text).toBe('已满（候补5人）')
    expect(placesLabel(event({ status: 'closed' })).text).toBe('已截止')
  })

  it('offers one action: 报名, 候补, 取消报名, 退出候补 or none', () => {
    expect(eventAction(event())).toEqual({ kind: 'signup', label: '报名', waitlist: false })
    expect(eventAction(event({ status: 'full' }))).toEqual({ kind: 'signup', label: '候补', waitlist: true })
    expect(eventAction(event({ mySignup: { status: 'confirmed' } })).label).toBe('取消报名')
    expect(
      eventAction(event({ status: 'full', mySignup: { status: 'waitlisted', position: 1 } })).label,
    ).toBe('退出候补')
    expect(eventAction(event({ status: 'closed' })).label).toBe('已截止')
    expect(eventAction(event({ status: 'cancelled', mySignup: { status: 'confirmed' } })).label).toBe(
      '已取消',
    )
    expect(eventAction(event({ status: 'ended', mySignup: { status: 'confirmed' } })).label).toBe('已结束')
  })
})
