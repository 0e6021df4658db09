import { formatParkDateTime, formatParkTime } from '../park-time'
import type { Message } from './notify'

/*
 * What each message says, in the app and in its subscribe message. A template's fields follow the
 * layout in the README (thing: up to 20 characters; time: `2026-11-24 14:00`; phrase: up to 5).
 */

/** A `thing` field: at most 20 characters, cut with an ellipsis. */
export function thing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= 20 ? chars.join('') || '-' : `${chars.slice(0, 19).join('')}…`
}

const phrase = (text: string) => [...text].slice(0, 5).join('')

export const links = {
  event: (id: number) => `/packages/event/detail/index?id=${id}`,
  notice: (id: number) => `/packages/notice/detail/index?id=${id}`,
  checkin: (sessionId: number) => `/packages/checkin/enter/index?sessionId=${sessionId}`,
  me: '/pages/me/index',
}

export interface EventFacts {
  id: number
  title: string
  starts_at: string
  venue: string
}

export function waitlistPromoted(event: EventFacts, userId: number, signupId: number): Message {
  return {
    userId,
    kind: 'waitlist_promoted',
    title: '候补成功,已为您报名',
    body: `您候补的活动「${event.title}」有名额空出,已自动为您报名。时间:${formatParkTime(event.starts_at)},地点:${event.venue}。如不能参加,请及时取消报名。`,
    object: { type: 'event', id: event.id },
    occasion: `s${signupId}`,
    link: links.event(event.id),
    wechat: {
      template: 'waitlist',
      data: {
        thing1: thing(event.title),
        time2: formatParkDateTime(event.starts_at),
        thing3: thing(event.venue),
        thing4: thing('候补成功,已为您报名'),
      },
    },
  }
}

export function eventCancelled(event: EventFacts, userId: number): Message {
  return {
    userId,
    kind: 'event_cancelled',
    title: '活动取消通知',
    body: `很抱歉,您报名的活动「${event.title}」(${formatParkTime(event.starts_at)},${event.venue})已取消。`,
    object: { type: 'event', id: event.id },
    link: links.event(event.id),
    wechat: {
      template: 'event_change',
      data: {
        thing1: thing(event.title),
        time2: formatParkDateTime(event.starts_at),
        thing3: thing('活动已取消'),
        thing4: thing('很抱歉,活动已取消'),
      },
    },
  }
}

export function eventMoved(event: EventFacts, before: EventFacts, userId: number, at: string): Message {
  const timeMoved = event.starts_at !== before.starts_at
  const change = timeMoved && event.venue !== before.venue ? '时间和地点' : timeMoved ? '时间' : '地点'
  return {
    userId,
    kind: 'event_moved',
    title: `活动${change}调整`,
    body: `您报名的活动「${event.title}」${change}有调整:现在 ${formatParkTime(event.starts_at)} 在 ${event.venue} 举行(原为 ${formatParkTime(before.starts_at)},${before.venue})。`,
    object: { type: 'event', id: event.id },
    occasion: at,
    link: links.event(event.id),
    wechat: {
      template: 'event_change',
      data: {
        thing1: thing(event.title),
        time2: formatParkDateTime(event.starts_at),
        thing3: thing(`${change}调整,地点:${event.venue}`),
        thing4: thing('请留意新的时间地点'),
      },
    },
  }
}

export function eventReminder(
  kind: 'event_tomorrow' | 'event_soon',
  event: EventFacts,
  userId: number,
): Message {
  const when = kind === 'event_tomorrow' ? '明天' : '1 小时后'
  return {
    userId,
    kind,
    title: kind === 'event_tomorrow' ? '活动明天开始' : '活动 1 小时后开始',
    body: `您报名的活动「${event.title}」将于${when}(${formatParkTime(event.starts_at)})在 ${event.venue} 开始,请准时参加。`,
    object: { type: 'event', id: event.id },
    occasion: event.starts_at,
    link: links.event(event.id),
    wechat: {
      template: 'event_reminder',
      data: {
        thing1: thing(event.title),
        time2: formatParkDateTime(event.starts_at),
        thing3: thing(event.venue),
        thing4: thing(`活动将于${when}开始,请准时参加`),
      },
    },
  }
}

export interface SessionFacts {
  id: number
  course_title: string
  starts_at: string
  venue: string
}

export function sessionSoon(session: SessionFacts, userId: number): Message {
  return {
    userId,
    kind: 'session_soon',
    title: '培训 30 分钟后开始',
    body: `您报名的课程「${session.course_title}」将于 ${formatParkTime(session.starts_at)} 在 ${session.venue} 开始,签到已开放,到场后请扫码或输入签到码签到。`,
    object: { type: 'session', id: session.id },
    occasion: session.starts_at,
    link: links.checkin(session.id),
    wechat: {
      template: 'session_reminder',
      data: {
        thing1: thing(session.course_title),
        time2: formatParkDateTime(session.starts_at),
        thing3: thing(session.venue),
        thing4: thing('签到已开放,点击进入签到'),
      },
    },
  }
}

export interface NoticeFacts {
  id: number
  title: string
  published_at: string
  /** Who published it: 园区党委 or the branch's name. */
  from: string
}

export function importantNotice(notice: NoticeFacts, userId: number): Message {
  return {
    userId,
    kind: 'notice_important',
    title: `重要通知:${notice.title}`,
    body: `${notice.from}发布了重要通知「${notice.title}」,请及时查看。`,
    object: { type: 'announcement', id: notice.id },
    link: links.notice(notice.id),
    wechat: {
      template: 'notice',
      data: {
        thing1: thing(notice.title),
        time2: formatParkDateTime(notice.published_at),
        thing3: thing(notice.from),
        thing4: thing('重要通知,请及时查看'),
      },
    },
  }
}

export interface JoinDecision {
  requestId: number
  /** The account that asked (notified whatever the outcome). */
  userId: number
  approved: boolean
  branchName: string
  /** Why it was refused, when it was. */
  reason?: string | null
  decidedAt: string
}

export function joinRequestDecided(decision: JoinDecision): Message {
  const result = decision.approved ? '已通过' : '未通过'
  const body = decision.approved
    ? `您加入「${decision.branchName}」的申请已通过,欢迎加入!重新进入小程序即可看到本支部的通知和活动。`
    : `您加入「${decision.branchName}」的申请未通过${decision.reason ? `:${decision.reason}` : '。'}如有疑问请联系支部书记。`
  return {
    userId: decision.userId,
    kind: 'join_request_decided',
    title: `入支部申请${result}`,
    body,
    object: { type: 'join_request', id: decision.requestId },
    link: links.me,
    wechat: {
      template: 'join_result',
      data: {
        thing1: thing(`加入${decision.branchName}`),
        phrase2: phrase(result),
        time3: formatParkDateTime(decision.decidedAt),
        thing4: thing(decision.approved ? '欢迎加入' : (decision.reason ?? '如有疑问请联系支部书记')),
      },
    },
  }
}
