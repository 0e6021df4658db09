import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, Page, PageQuery } from './common'

export const NotificationKind = Type.Union([
  Type.Literal('event_cancelled'), // 活动取消
  Type.Literal('event_moved'), // 活动时间调整
  Type.Literal('waitlist_promoted'), // 候补转正
  Type.Literal('event_tomorrow'), // 活动明天开始
  Type.Literal('event_soon'), // 活动 1 小时后开始
  Type.Literal('session_soon'), // 培训 30 分钟后开始
  Type.Literal('notice_important'), // 重要通知
  Type.Literal('join_request_decided'), // 入支部申请有结果
  Type.Literal('notice_reminder'), // 提醒未读通知
  Type.Literal('session_cancelled'), // 培训场次取消
  Type.Literal('session_moved'), // 培训场次改时间
  Type.Literal('application_stage'), // 入党申请进入新阶段
  Type.Literal('application_step_due'), // 发展党员步骤到期/逾期(告知支部书记)
  Type.Literal('help_request'), // 红e帮帮团:分派、回复、状态变化
])
export type NotificationKind = Static<typeof NotificationKind>

/** What a notification is about; `link` opens it. */
export const NotificationObjectType = Type.Union([
  Type.Literal('event'),
  Type.Literal('session'),
  Type.Literal('announcement'),
  Type.Literal('join_request'),
  Type.Literal('application'),
  Type.Literal('help_request'),
])
export type NotificationObjectType = Static<typeof NotificationObjectType>

export const Notification = Type.Object({
  id: Id,
  kind: NotificationKind,
  title: Type.String(),
  body: Type.String(),
  /** The app page it opens (`/packages/event/detail/index?id=3`), or null when there is none. */
  link: Type.Union([Type.String(), Type.Null()]),
  /** the event it is about, if any */
  eventId: Type.Union([Id, Type.Null()]),
  createdAt: IsoTime,
  read: Type.Boolean(),
})
export type Notification = Static<typeof Notification>

export const NotificationPage = Type.Object({
  ...Page(Notification).properties,
  /** The member's unread notifications, for the badge. */
  unreadCount: Type.Integer({ minimum: 0 }),
})
export type NotificationPage = Static<typeof NotificationPage>

export const NotificationListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export type NotificationListQuery = Static<typeof NotificationListQuery>

/** `{ ids }` marks those (the member's own) read; `{ all: true }` marks every one read. */
export const NotificationReadBody = Type.Union([
  Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
  Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
])
export type NotificationReadBody = Static<typeof NotificationReadBody>

export const NotificationReadResult = Type.Object({
  /** How many were unread and are read now. */
  marked: Type.Integer({ minimum: 0 }),
  unreadCount: Type.Integer({ minimum: 0 }),
})
export type NotificationReadResult = Static<typeof NotificationReadResult>

/** The subscribe-message templates the phone may ask for, by what they carry. */
export const TemplateKey = Type.Union([
  Type.Literal('waitlist'),
  Type.Literal('event_change'),
  Type.Literal('event_reminder'),
  Type.Literal('session_reminder'),
  Type.Literal('notice'),
  Type.Literal('join_result'),
])
export type TemplateKey = Static<typeof TemplateKey>

export const TemplateId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' })

export const SubscriptionTemplates = Type.Object({
  /** Only the configured ones; none: messages are in-app only and the phone asks nothing. */
  templates: Type.Array(
    Type.Object({
      key: TemplateKey,
      templateId: TemplateId,
      /** Unspent acceptances of this template: each carries one message. */
      accepted: Type.Integer({ minimum: 0 }),
    }),
  ),
})
export type SubscriptionTemplates = Static<typeof SubscriptionTemplates>

export const SubscriptionCreate = Type.Object(
  { templateIds: Type.Array(TemplateId, { minItems: 1, maxItems: 6 }) },
  { additionalProperties: false },
)
export type SubscriptionCreate = Static<typeof SubscriptionCreate>
