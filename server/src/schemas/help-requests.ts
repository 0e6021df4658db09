import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, Page, PageQuery, TextField } from './common'

/*
 * 红e帮帮团 help requests. The flow and who may move it live in
 * `domain/help-requests/rules.ts`; the codes are listed here for the API's validation.
 */

const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

export const HELP_CATEGORIES = ['policy', 'tax', 'finance', 'talent', 'space', 'other'] as const
export const HelpCategory = literals(HELP_CATEGORIES, '政策咨询 / 税务 / 融资 / 人才招聘 / 场地 / 其他')
export type HelpCategory = Static<typeof HelpCategory>

export const HELP_CATEGORY_NAMES: Record<HelpCategory, string> = {
  policy: '政策咨询',
  tax: '税务',
  finance: '融资',
  talent: '人才招聘',
  space: '场地',
  other: '其他',
}

export const HELP_STATUSES = ['submitted', 'assigned', 'in_progress', 'resolved', 'closed'] as const
export const HelpStatus = literals(HELP_STATUSES, '待分派 → 已分派 → 处理中 → 已解决 → 已关闭')
export type HelpStatus = Static<typeof HelpStatus>

export const HELP_PRIORITIES = ['high', 'normal'] as const
export const HelpPriority = literals(
  HELP_PRIORITIES,
  'high: 红色服务通道 (the company has a party organisation)',
)
export type HelpPriority = Static<typeof HelpPriority>

/** What a history row records. */
export const HELP_EVENT_KINDS = [
  'submitted',
  'assigned',
  'status',
  'reopened',
  'replied',
  'rated',
  'photo_added',
  'photo_removed',
] as const
export type HelpEventKind = (typeof HELP_EVENT_KINDS)[number]

/** What a status request may ask for: the three moves forward, and a reopen. */
export const HELP_STATUS_ACTIONS = ['in_progress', 'resolved', 'closed', 'reopened'] as const
export const HelpStatusAction = literals(HELP_STATUS_ACTIONS)
export type HelpStatusAction = Static<typeof HelpStatusAction>

export const HelpRequestCreateBody = Type.Object(
  {
    category: HelpCategory,
    title: TextField({ minLength: 1, maxLength: 40 }),
    body: TextField({ minLength: 1, maxLength: 2000, multiline: true }),
  },
  { additionalProperties: false },
)
export type HelpRequestCreateBody = Static<typeof HelpRequestCreateBody>

export const HelpRequestCreated = Type.Object({
  id: Id,
  status: Type.Literal('submitted'),
  priority: HelpPriority,
})
export type HelpRequestCreated = Static<typeof HelpRequestCreated>

export const HelpRequestListQuery = Type.Object(
  {
    /** a status, or `open` for submitted, assigned and in_progress together */
    status: Type.Optional(literals([...HELP_STATUSES, 'open'] as const)),
    /** `1`: only the viewer's own requests */
    mine: Type.Optional(literals(['1'] as const)),
    /** `1`: only those assigned to the viewer (a helper's own queue) */
    assigned: Type.Optional(literals(['1'] as const)),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type HelpRequestListQuery = Static<typeof HelpRequestListQuery>

/**
 * The park's targets, fixed when the request was filed: the first reply within 2 working days
 * (1 on the 红色服务通道), resolution within 10 (5). Working days skip Saturdays and Sundays.
 */
export const HelpTiming = Type.Object({
  responseDueAt: IsoTime,
  firstResponseAt: Type.Union([IsoTime, Type.Null()]),
  /** no reply yet and past due, or the first reply came after it */
  responseOverdue: Type.Boolean(),
  resolutionDueAt: IsoTime,
  resolvedAt: Type.Union([IsoTime, Type.Null()]),
  resolutionOverdue: Type.Boolean(),
})
export type HelpTiming = Static<typeof HelpTiming>

export const HelpRequestSummary = Type.Object({
  id: Id,
  company: NamedRef,
  requester: NamedRef,
  category: HelpCategory,
  categoryName: Type.String(),
  title: Type.String(),
  status: HelpStatus,
  priority: HelpPriority,
  assignee: Type.Union([NamedRef, Type.Null()]),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  timing: HelpTiming,
})
export type HelpRequestSummary = Static<typeof HelpRequestSummary>

export const HelpRequestPage = Page(HelpRequestSummary)
export type HelpRequestPage = Static<typeof HelpRequestPage>

export const HelpReply = Type.Object({
  id: Id,
  author: NamedRef,
  /** how the author stands to the request */
  side: literals(['requester', 'helper', 'park'] as const),
  body: Type.String(),
  createdAt: IsoTime,
})
export type HelpReply = Static<typeof HelpReply>

export const HelpHistoryItem = Type.Object({
  id: Id,
  kind: literals(HELP_EVENT_KINDS),
  fromStatus: Type.Union([HelpStatus, Type.Null()]),
  toStatus: Type.Union([HelpStatus, Type.Null()]),
  actor: NamedRef,
  assignee: Type.Union([NamedRef, Type.Null()]),
  at: IsoTime,
})
export type HelpHistoryItem = Static<typeof HelpHistoryItem>

export const HelpRating = Type.Object({
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.String(),
  createdAt: IsoTime,
})
export type HelpRating = Static<typeof HelpRating>

/** What the viewer may do now; the phone shows exactly these. */
export const HelpActions = Type.Object({
  reply: Type.Boolean(),
  assign: Type.Boolean(),
  status: Type.Array(HelpStatusAction),
  rate: Type.Boolean(),
  /** add and remove photos (the requester, until the request is closed) */
  photos: Type.Boolean(),
})
export type HelpActions = Static<typeof HelpActions>

/** The image types a photo may be; the bytes must be one (checked by their magic numbers). */
export const HELP_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type HelpPhotoType = (typeof HELP_PHOTO_TYPES)[number]

/**
 * A photo of a request. `url` needs no Authorization header (a mini-program `<Image>` cannot send
 * one): it is signed and valid for at least an hour, so ask the request again for fresh links.
 */
export const HelpPhoto = Type.Object({
  id: Id,
  /** `/api/help-photos/:id?exp=<unix seconds>&sig=<HMAC-SHA256, base64url>` */
  url: Type.String(),
  /** bytes */
  size: Type.Integer({ minimum: 1 }),
  createdAt: IsoTime,
})
export type HelpPhoto = Static<typeof HelpPhoto>

export const HelpPhotoCreated = Type.Object({
  id: Id,
  url: Type.String(),
  size: Type.Integer({ minimum: 1 }),
})
export type HelpPhotoCreated = Static<typeof HelpPhotoCreated>

export const HelpPhotoParams = Type.Object({ id: Id, photoId: Id }, { additionalProperties: false })
export type HelpPhotoParams = Static<typeof HelpPhotoParams>

export const HelpPhotoQuery = Type.Object(
  {
    exp: Type.Integer({ minimum: 0, maximum: 99999999999 }),
    sig: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  { additionalProperties: false },
)
export type HelpPhotoQuery = Static<typeof HelpPhotoQuery>

export const HelpRequestDetail = Type.Composite([
  HelpRequestSummary,
  Type.Object({
    body: Type.String(),
    photos: Type.Array(HelpPhoto),
    replies: Type.Array(HelpReply),
    history: Type.Array(HelpHistoryItem),
    rating: Type.Union([HelpRating, Type.Null()]),
    actions: HelpActions,
  }),
])
export type HelpRequestDetail = Static<typeof HelpRequestDetail>

export const HelpAssignBody = Type.Object({ helperId: Id }, { additionalProperties: false })
export type HelpAssignBody = Static<typeof HelpAssignBody>

export const HelpReplyBody = Type.Object(
  { body: TextField({ minLength: 1, maxLength: 2000, multiline: true }) },
  { additionalProperties: false },
)
export type HelpReplyBody = Static<typeof HelpReplyBody>

export const HelpStatusBody = Type.Object({ status: HelpStatusAction }, { additionalProperties: false })
export type HelpStatusBody = Static<typeof HelpStatusBody>

export const HelpRatingBody = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(TextField({ maxLength: 500, multiline: true })),
  },
  { additionalProperties: false },
)
export type HelpRatingBody = Static<typeof HelpRatingBody>

/** A helper the park admin may assign, with how many open requests they hold. */
export const HelperSummary = Type.Object({
  id: Id,
  name: Type.String(),
  openCount: Type.Integer({ minimum: 0 }),
})
export const HelperList = Type.Array(HelperSummary)
export type HelperSummary = Static<typeof HelperSummary>
