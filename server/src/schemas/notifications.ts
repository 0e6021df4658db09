import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, Page, PageQuery } from './common'

export const NotificationKind = Type.Union([
  Type.Literal('event_cancelled'), // 活动取消
  Type.Literal('waitlist_promoted'), // 候补转正
  Type.Literal('notice_reminder'), // 提醒未读通知
  Type.Literal('session_cancelled'), // 培训场次取消
])
export type NotificationKind = Static<typeof NotificationKind>

export const Notification = Type.Object({
  id: Id,
  kind: NotificationKind,
  title: Type.String(),
  body: Type.String(),
  /** the event it is about, if any */
  eventId: Type.Union([Id, Type.Null()]),
  createdAt: IsoTime,
})
export type Notification = Static<typeof Notification>

export const NotificationPage = Page(Notification)
export type NotificationPage = Static<typeof NotificationPage>

export const NotificationListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export type NotificationListQuery = Static<typeof NotificationListQuery>
