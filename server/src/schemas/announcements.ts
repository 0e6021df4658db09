import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, Page, PageQuery, TextField } from './common'
import { LIMITS } from './limits'
import { ManagedQuery } from './query'

export const Scope = Type.Union([Type.Literal('park'), Type.Literal('branch')])
export type Scope = Static<typeof Scope>

export const Announcement = Type.Object({
  id: Id,
  title: Type.String(),
  summary: Type.String(),
  scope: Scope,
  branch: Type.Union([NamedRef, Type.Null()]),
  pinned: Type.Boolean(),
  /** Its audience was told when it was published (消息 and a subscribe message). */
  important: Type.Boolean(),
  publishedAt: IsoTime,
  /** when an organiser last changed it (the reader sees 已编辑); null: as published */
  editedAt: Type.Union([IsoTime, Type.Null()]),
  read: Type.Boolean(),
  /** whether the viewer may edit, pin, withdraw it and see who has read it */
  canManage: Type.Boolean(),
})
export type Announcement = Static<typeof Announcement>

export const AnnouncementDetail = Type.Composite([
  Announcement,
  Type.Object({ body: Type.String(), author: NamedRef }),
])
export type AnnouncementDetail = Static<typeof AnnouncementDetail>

export const AnnouncementPage = Page(Announcement)
export type AnnouncementPage = Static<typeof AnnouncementPage>

export const AnnouncementListQuery = Type.Object(
  { ...ManagedQuery, ...PageQuery },
  { additionalProperties: false },
)
export type AnnouncementListQuery = Static<typeof AnnouncementListQuery>

export const UnreadCount = Type.Object({ count: Type.Integer({ minimum: 0 }) })
export type UnreadCount = Static<typeof UnreadCount>

export const AnnouncementCreate = Type.Object(
  {
    title: TextField({ minLength: 1, maxLength: LIMITS.noticeTitle }),
    body: TextField({ multiline: true, minLength: 1, maxLength: LIMITS.noticeBody }),
    scope: Scope,
    branchId: Type.Optional(Id),
    pinned: Type.Optional(Type.Boolean()),
    /** 重要通知: every member of its audience is told at once. */
    important: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type AnnouncementCreate = Static<typeof AnnouncementCreate>

/** What an organiser may change of a notice; its audience stays. */
export const AnnouncementPatch = Type.Partial(
  Type.Object({
    title: TextField({ minLength: 1, maxLength: LIMITS.noticeTitle }),
    body: TextField({ multiline: true, minLength: 1, maxLength: LIMITS.noticeBody }),
    pinned: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
)
export type AnnouncementPatch = Static<typeof AnnouncementPatch>

export const Withdrawn = Type.Object({ id: Id, withdrawnAt: IsoTime })
export type Withdrawn = Static<typeof Withdrawn>

export const ReaderRef = Type.Object({
  id: Id,
  name: Type.String(),
  branch: Type.Union([NamedRef, Type.Null()]),
})

/** 阅读情况 over the notice's audience (its branch's members, or every branch's for a park notice). */
export const AnnouncementReaders = Type.Object({
  read: Type.Array(Type.Object({ member: ReaderRef, readAt: IsoTime })),
  unread: Type.Array(Type.Object({ member: ReaderRef })),
  readCount: Type.Integer({ minimum: 0 }),
  unreadCount: Type.Integer({ minimum: 0 }),
  /** per branch of the audience, most unread first */
  byBranch: Type.Array(
    Type.Object({
      branch: NamedRef,
      read: Type.Integer({ minimum: 0 }),
      unread: Type.Integer({ minimum: 0 }),
    }),
  ),
  /** when the unread were last reminded; a new reminder is possible from `remindAgainAt` */
  remindedAt: Type.Union([IsoTime, Type.Null()]),
  remindAgainAt: Type.Union([IsoTime, Type.Null()]),
})
export type AnnouncementReaders = Static<typeof AnnouncementReaders>

export const ReminderSent = Type.Object({
  /** how many unread readers were told */
  notified: Type.Integer({ minimum: 0 }),
  remindedAt: IsoTime,
})
export type ReminderSent = Static<typeof ReminderSent>
