import type { Event, MySignup } from '../../types/api'

/** `已报名` or `候补第N位`, exactly as the server placed me. */
export function mySignupLabel(signup: Pick<MySignup, 'status' | 'position'>): string {
  if (signup.status === 'confirmed') return '已报名'
  return signup.position ? `候补第${signup.position}位` : '候补中'
}

export type PlacesTone = 'open' | 'full' | 'closed'

export interface PlacesLabel {
  text: string
  /** `open` invites a signup, `full` takes a waitlist, `closed` takes nothing. */
  tone: PlacesTone
}

type PlacesInput = Pick<Event, 'status' | 'capacity' | 'confirmedCount' | 'waitlistCount'>

/** What the card says about places, from the server's status and counts. */
export function placesLabel(event: PlacesInput): PlacesLabel {
  switch (event.status) {
    case 'open':
      return { text: `剩余${Math.max(0, event.capacity - event.confirmedCount)}个名额`, tone: 'open' }
    case 'full':
      return {
        text: event.waitlistCount > 0 ? `已满（候补${event.waitlistCount}人）` : '已满',
        tone: 'full',
      }
    case 'closed':
      return { text: '已截止', tone: 'closed' }
    case 'cancelled':
      return { text: '已取消', tone: 'closed' }
    case 'ended':
      return { text: '已结束', tone: 'closed' }
  }
}

export type EventAction =
  /** 报名 with places left; 候补 when the server says the event is full (a waitlist place). */
  | { kind: 'signup'; label: '报名' | '候补'; waitlist: boolean }
  /** 取消报名, or 退出候补 for a waitlist place. */
  | { kind: 'cancel'; label: '取消报名' | '退出候补'; waitlisted: boolean }
  /** Nothing to do: the reason is the label. */
  | { kind: 'none'; label: '已截止' | '已取消' | '已结束' }

/** The one action the detail page offers. Whether it succeeds is the server's call. */
export function eventAction(event: Pick<Event, 'status' | 'mySignup'>): EventAction {
  if (event.status === 'cancelled') return { kind: 'none', label: '已取消' }
  if (event.status === 'ended') return { kind: 'none', label: '已结束' }
  if (event.mySignup) {
    const waitlisted = event.mySignup.status === 'waitlisted'
    return { kind: 'cancel', label: waitlisted ? '退出候补' : '取消报名', waitlisted }
  }
  if (event.status === 'closed') return { kind: 'none', label: '已截止' }
  return event.status === 'full'
    ? { kind: 'signup', label: '候补', waitlist: true }
    : { kind: 'signup', label: '报名', waitlist: false }
}
