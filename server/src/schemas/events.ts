import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, Page, PageQuery, TextField } from './common'
import { LIMITS } from './limits'
import { ManagedQuery } from './query'

export const CATEGORY_NAMES = {
  roadshow: '红色路演',
  salon: '青创沙龙',
  mentoring: '创业辅导',
  charity: '公益创投',
  ceremony: '授牌仪式',
  other: '其他',
} as const

export const CategoryCode = Type.Union([
  Type.Literal('roadshow'),
  Type.Literal('salon'),
  Type.Literal('mentoring'),
  Type.Literal('charity'),
  Type.Literal('ceremony'),
  Type.Literal('other'),
])
export type CategoryCode = Static<typeof CategoryCode>

export const Category = Type.Object({ code: CategoryCode, name: Type.String() })
export type Category = Static<typeof Category>

export const EventStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('full'),
  Type.Literal('closed'),
  Type.Literal('cancelled'),
  Type.Literal('ended'),
])
export type EventStatus = Static<typeof EventStatus>

export const MySignup = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('waitlisted')]),
  position: Type.Optional(Type.Integer({ minimum: 1 })),
})
export type MySignup = Static<typeof MySignup>

export const Event = Type.Object({
  id: Id,
  title: Type.String(),
  category: CategoryCode,
  /** the category in words (红色路演…) */
  categoryName: Type.String(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  venue: Type.String(),
  capacity: Type.Integer({ minimum: 1 }),
  confirmedCount: Type.Integer({ minimum: 0 }),
  waitlistCount: Type.Integer({ minimum: 0 }),
  signupDeadline: IsoTime,
  cancelDeadline: IsoTime,
  status: EventStatus,
  /** the organising branch; null for a park-wide event */
  branch: Type.Union([NamedRef, Type.Null()]),
  mySignup: Type.Union([MySignup, Type.Null()]),
  /** whether the viewer organises this event (secretary of its branch, or park admin) */
  canManage: Type.Boolean(),
})
export type Event = Static<typeof Event>

export const EventDetail = Type.Composite([Event, Type.Object({ description: Type.String() })])
export type EventDetail = Static<typeof EventDetail>

export const EventPage = Page(Event)
export type EventPage = Static<typeof EventPage>

export const EventListQuery = Type.Object(
  {
    when: Type.Optional(
      Type.Union([Type.Literal('upcoming'), Type.Literal('past')], { default: 'upcoming' }),
    ),
    category: Type.Optional(CategoryCode),
    ...ManagedQuery,
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type EventListQuery = Static<typeof EventListQuery>

const eventFields = {
  title: TextField({ minLength: 1, maxLength: LIMITS.eventTitle }),
  category: CategoryCode,
  description: TextField({ multiline: true, maxLength: LIMITS.eventDescription }),
  venue: TextField({ minLength: 1, maxLength: LIMITS.venue }),
  startsAt: IsoTime,
  endsAt: IsoTime,
  capacity: Type.Integer({ minimum: 1, maximum: LIMITS.capacity }),
  signupDeadline: IsoTime,
  cancelDeadline: IsoTime,
}

export const EventCreate = Type.Object(
  {
    ...eventFields,
    description: Type.Optional(eventFields.description),
    signupDeadline: Type.Optional(IsoTime),
    cancelDeadline: Type.Optional(IsoTime),
    /** park admins may organise for any branch or (omitted) park-wide; secretaries: own branch */
    branchId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
)
export type EventCreate = Static<typeof EventCreate>

export const EventPatch = Type.Partial(Type.Object(eventFields), {
  additionalProperties: false,
  minProperties: 1,
})
export type EventPatch = Static<typeof EventPatch>

export const SignupResult = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('waitlisted')]),
  position: Type.Optional(Type.Integer({ minimum: 1 })),
})
export type SignupResult = Static<typeof SignupResult>

export const CancelResult = Type.Object({ status: Type.Literal('cancelled') })

export const MySignupItem = Type.Object({
  event: Event,
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('waitlisted')]),
  position: Type.Optional(Type.Integer({ minimum: 1 })),
})
export type MySignupItem = Static<typeof MySignupItem>
export const MySignupPage = Page(MySignupItem)
export type MySignupPage = Static<typeof MySignupPage>

export const MySignupListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export type MySignupListQuery = Static<typeof MySignupListQuery>

export const Attendee = Type.Object({
  member: Type.Object({ id: Id, name: Type.String(), branch: Type.Union([NamedRef, Type.Null()]) }),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('waitlisted')]),
  position: Type.Optional(Type.Integer({ minimum: 1 })),
  signedUpAt: IsoTime,
  checkedInAt: Type.Optional(IsoTime),
})
export type Attendee = Static<typeof Attendee>
export const AttendeeList = Type.Object({ items: Type.Array(Attendee), nextCursor: Type.Null() })
export type AttendeeList = Static<typeof AttendeeList>

export const AttendeeQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) },
  { additionalProperties: false },
)
