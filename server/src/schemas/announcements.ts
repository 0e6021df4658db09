import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, Page, PageQuery, TextField } from './common'
import { LIMITS } from './limits'

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
  read: Type.Boolean(),
})
export type Announcement = Static<typeof Announcement>

export const AnnouncementDetail = Type.Composite([
  Announcement,
  Type.Object({ body: Type.String(), author: NamedRef }),
])
export type AnnouncementDetail = Static<typeof AnnouncementDetail>

export const AnnouncementPage = Page(Announcement)
export type AnnouncementPage = Static<typeof AnnouncementPage>

export const AnnouncementListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
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
