import type { Generated, Insertable, Selectable } from 'kysely'
import type {
  AuditEntity,
  BranchKind,
  CategoryCode,
  ClaimStatus,
  CompanyStatus,
  JoinRequestStatus,
  NotificationKind,
  PartyOrg,
  PoliticalStatus,
  Scope,
} from '../schemas'
import type { ApplicationRecordCode, ApplicationStage } from '../schemas/applications'
import type { CourseKind } from '../schemas/courses'
import type {
  HelpCategory,
  HelpEventKind,
  HelpPhotoType,
  HelpPriority,
  HelpStatus,
} from '../schemas/help-requests'
import type { PointsRuleCode } from '../schemas/points'

/*
 * Conventions shared by SQLite and PostgreSQL: times are ISO-8601 UTC text, booleans are 0/1
 * integers, ids are auto-increment integers.
 */

/** 联合党委: the park's joint party committee that the company branches belong to. */
export interface CommitteesTable {
  id: Generated<number>
  name: string
  created_at: string
}

export interface CompaniesTable {
  id: Generated<number>
  name: string
  industry: string
  status: Generated<CompanyStatus>
  /** 党建工作指导员: a person on the roster */
  instructor_id: Generated<number | null>
  /** The branch covering the company (its own or a joint one); null: no party organisation. */
  branch_id: Generated<number | null>
  created_at: string
}

/** 党支部: of one company (`own`), or a joint branch covering several (`joint`). */
export interface BranchesTable {
  id: Generated<number>
  name: string
  committee_id: number
  /** The first company of an own branch, as the first migration kept it; companies.branch_id is the truth. */
  company_id: number | null
  kind: Generated<BranchKind>
  created_at: string
}

export interface UsersTable {
  id: Generated<number>
  name: string
  wechat_openid: string | null
  branch_id: number | null
  company_id: number | null
  political_status: PoliticalStatus
  is_ceo: number
  /** Comma-joined roles, e.g. `member,secretary`; empty for a WeChat account not on the roster. */
  roles: string
  created_at: string
  /** 11 digits; unique. The key the roster is matched on (CSV import, WeChat phone binding). */
  phone: Generated<string | null>
  birth_date: Generated<string | null>
  /** 0: left the park (or a WeChat account merged into its roster entry); cannot sign in. */
  active: Generated<number>
  /** Logins issued at or before this moment are refused. */
  sessions_valid_after: Generated<string | null>
  /** Moves on with every change of the row or of its branch's or company's name (migration 0014). */
  version: Generated<number>
}

export interface AnnouncementsTable {
  id: Generated<number>
  scope: Scope
  /** Set exactly when scope is `branch`. */
  branch_id: number | null
  title: string
  body: string
  pinned: number
  /** 1: members are told (消息 and a subscribe message) when it is published. */
  important: Generated<number>
  author_id: number
  published_at: string
  created_at: string
  /** When an organiser last changed its title, body or pin; null: as published. */
  edited_at: string | null
  /** Set once an organiser withdraws it: it leaves every list, and its link says so. */
  withdrawn_at: string | null
  /** When its unread readers were last reminded. */
  reminded_at: string | null
}

export interface AnnouncementReadsTable {
  announcement_id: number
  user_id: number
  read_at: string
}

export interface EventsTable {
  id: Generated<number>
  title: string
  category: CategoryCode
  description: Generated<string>
  venue: string
  starts_at: string
  ends_at: string
  capacity: number
  /** Kept equal to the number of confirmed signups by guarded updates; never above capacity. */
  confirmed_count: Generated<number>
  /** The last waitlist ticket handed out (a counter, not a count). */
  waitlist_seq: Generated<number>
  signup_deadline: string
  cancel_deadline: string
  /** null: a park-wide event. */
  branch_id: number | null
  created_by: number
  cancelled_at: string | null
  created_at: string
  updated_at: string
  /** Moves on with every change the events list shows (migration 0016). */
  version: Generated<number>
}

export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled'

export interface EventSignupsTable {
  id: Generated<number>
  event_id: number
  user_id: number
  status: SignupStatus
  /** The waitlist ticket; set when the member joined the waitlist. */
  waitlist_seq: number | null
  created_at: string
  confirmed_at: string | null
  cancelled_at: string | null
  checked_in_at: string | null
}

export interface NotificationsTable {
  id: Generated<number>
  user_id: number
  kind: NotificationKind
  title: string
  body: string
  event_id: number | null
  /** The page it opens in the app (`/packages/event/detail/index?id=3`). */
  link: string | null
  object_type: string | null
  object_id: number | null
  read_at: string | null
  /** (member, reason, object[, occasion]): the same message is never written twice. */
  dedupe_key: string | null
  created_at: string
}

export type OutboxStatus = 'pending' | 'sent' | 'skipped' | 'failed'

/** A notification's WeChat subscribe message, waiting to be sent by any instance's worker. */
export interface NotificationOutboxTable {
  id: Generated<number>
  notification_id: number
  user_id: number
  template: string
  page: string
  data: string
  status: OutboxStatus
  attempts: Generated<number>
  due_at: string
  claimed_until: string | null
  last_error: string | null
  done_at: string | null
  created_at: string
}

/** A timed reminder about one object, fanned out to its members when due. */
export interface NotificationScheduleTable {
  id: Generated<number>
  kind: string
  object_type: string
  object_id: number
  due_at: string
  status: 'pending' | 'done' | 'dropped'
  key: string
  recipients: number | null
  created_at: string
  done_at: string | null
}

/** One accepted one-time subscribe message: spent by at most one message. */
export interface WechatSubscriptionsTable {
  id: Generated<number>
  user_id: number
  template_id: string
  accepted_at: string
  outbox_id: number | null
  used_at: string | null
}

export interface HealthPackagesTable {
  id: Generated<number>
  name: string
  description: Generated<string>
  stock: number
  /** Decremented only by a guarded update, so it never goes below zero. */
  remaining: number
  claim_start: string
  claim_end: string
  created_by: number
  created_at: string
}

export interface HealthClaimsTable {
  id: Generated<number>
  package_id: number
  user_id: number
  /** Pickup code, stored upper-case. */
  code: string
  status: ClaimStatus
  claimed_at: string
  redeemed_at: string | null
  redeemed_by: number | null
}

export interface IdempotencyKeysTable {
  user_id: number
  key: string
  /** The request the key was first used for: method, path and a hash of the body. */
  scope: string
  status_code: number
  response_json: string
  created_at: string
}

/** One limited key (e.g. a login address) in its current fixed window; see plugins/security. */
export interface RateLimitsTable {
  key: string
  hits: number
  /** Milliseconds since the epoch (PostgreSQL returns bigint as text). */
  resets_at: number | string
}

/** 学习积分 rules, seeded by the migration; read on every award, so a change applies at once. */
export interface PointsRulesTable {
  code: PointsRuleCode
  name: string
  description: string
  points: number
  /** Most points a member earns from the rule in one park-time day; null: no cap. */
  daily_cap: number | null
  /** 1: once per member and object (see PointsLedgerTable.object_key). */
  once_per_object: number
  active: number
  sort_order: number
}

/** The points ledger: append-only, a member's balance is the sum of their rows. */
export interface PointsLedgerTable {
  id: Generated<number>
  user_id: number
  rule: PointsRuleCode
  delta: number
  object_type: string
  object_id: number
  /** `<object_type>:<object_id>` for once-per-object rules, unique per member; null otherwise. */
  object_key: string | null
  reason: string
  /** The park-time (Asia/Shanghai) day, `2026-11-24`. */
  day: string
  created_at: string
}

/** Points per member, rule and park-time day: the row daily caps are enforced on. */
export interface PointsDailyTable {
  user_id: number
  rule: PointsRuleCode
  day: string
  total: number
}

/** A member reading a study material, timed by the server from open to close. */
export interface MaterialReadsTable {
  id: Generated<number>
  user_id: number
  material_id: number
  opened_at: string
  closed_at: string | null
  /** Whole minutes counted when the reading closed (at most the per-reading maximum). */
  minutes_awarded: Generated<number>
  points_awarded: Generated<number>
}

/** 党务培训 or 学习课程, park-wide (branch_id null) or run by one branch. */
export interface CoursesTable {
  id: Generated<number>
  title: string
  kind: CourseKind
  description: Generated<string>
  /** null: a park-wide course. */
  branch_id: number | null
  capacity: number
  /** Kept equal to the number of enrolments by guarded updates; never above capacity. */
  enrolled_count: Generated<number>
  /** Start of the first session and end of the last one. */
  starts_at: string
  ends_at: string
  created_by: number
  created_at: string
  /** 1: takes enrolments; 0: the organiser closed enrolment. */
  enrolment_open: Generated<number>
}

export interface CourseSessionsTable {
  id: Generated<number>
  course_id: number
  starts_at: string
  ends_at: string
  venue: string
  lecturer: string
  /** Set when an organiser cancelled it; the reason is shown to its members. */
  cancelled_at: string | null
  cancel_reason: string | null
}

export interface CourseEnrolmentsTable {
  course_id: number
  user_id: number
  created_at: string
}

/** A study material (article) of a course. */
export interface MaterialsTable {
  id: Generated<number>
  course_id: number
  title: string
  summary: Generated<string>
  body: string
  read_minutes: number
  position: Generated<number>
}

/** `pending`: arrived after its code expired; counts once an organiser confirms it. */
export type CheckinStatus = 'present' | 'late' | 'leave' | 'pending'

/** One member's attendance of one session (unique per session and member). */
/** An organiser's 补签 or 请假 that was undone, kept as it was (0010). */
export interface AttendanceUndosTable {
  id: Generated<number>
  session_id: number
  user_id: number
  status: CheckinStatus
  checked_in_at: string
  note: string | null
  recorded_by: number | null
  recorded_at: string | null
  /** The points the sign-in had earned, taken back by a ledger entry (0 for a leave). */
  points_reversed: Generated<number>
  undone_by: number
  undone_at: string
}

export interface CheckinsTable {
  id: Generated<number>
  session_id: number
  user_id: number
  status: CheckinStatus
  /** When the member counts as signed in: the scan time of an offline sign-in, else the arrival. */
  checked_in_at: string
  /** The phone's scan time of an offline sign-in. */
  scanned_at: string | null
  offline: Generated<number>
  /** 1: recorded by an organiser (manual sign-in or leave). */
  manual: Generated<number>
  note: string | null
  recorded_by: number | null
  created_at: string
}

/** One wrong short code of a session (kept for a minute): the per-session limit counts them. */
export interface ShortCodeMissesTable {
  session_id: number
  missed_at: string
}

/** A session whose short codes are refused until `locked_until`, after too many wrong ones. */
export interface ShortCodeLocksTable {
  session_id: number
  locked_until: string
}

/** Wrong short codes of a member in one fixed window. */
export interface CheckinAttemptsTable {
  user_id: number
  window_start: string
  attempts: number
}

/** A one-time invite to bind a WeChat account (or sign in on H5) as a roster member. */
export interface InvitesTable {
  id: Generated<number>
  user_id: number
  code: string
  expires_at: string
  created_by: number
  created_at: string
  used_at: string | null
}

export interface JoinRequestsTable {
  id: Generated<number>
  /** The account that asked (a WeChat user not on the roster yet). */
  user_id: number
  branch_id: number
  company_id: number
  name: string
  phone: string
  note: Generated<string>
  status: JoinRequestStatus
  reason: string | null
  created_at: string
  decided_at: string | null
  decided_by: number | null
  /** The roster entry an approval made (the asking account itself). */
  member_id: number | null
}

/** Append-only: every organisation change, who made it and the fields before and after. */
export interface AuditLogTable {
  id: Generated<number>
  /** null: the command line */
  actor_id: number | null
  action: string
  entity: AuditEntity
  entity_id: number
  before_json: string | null
  after_json: string | null
  at: string
}

/** WeChat's access token (`stable_token`) per app id, shared by every instance until it expires. */
export interface WechatTokensTable {
  appid: string
  access_token: string
  expires_at: string
}

/** 入党申请: never updated nor deleted. */
export interface ApplicationsTable {
  id: Generated<number>
  user_id: number
  branch_id: number
  statement: string
  birth_date: string
  applied_on: string
  created_by: number
  created_at: string
}

/** A step on an application's trail (also withdrawal, probation extension, corrections): never updated nor deleted. */
export interface ApplicationStepsTable {
  id: Generated<number>
  application_id: number
  seq: number
  code: ApplicationRecordCode
  date: string
  note: string
  months: number | null
  corrects_step_id: number | null
  recorded_by: number
  recorded_at: string
}

export interface ApplicationStepPeopleTable {
  step_id: number
  user_id: number
}

/** The current stage of an application, kept in step with its trail. */
export interface ApplicationStateTable {
  application_id: number
  user_id: number
  stage: ApplicationStage
  stage_since: string
  updated_at: string
}

/** 红e帮帮团: one mutable row per help request; its history is in help_request_events. */
export interface HelpRequestsTable {
  id: Generated<number>
  company_id: number
  requester_id: number
  category: HelpCategory
  title: string
  body: string
  /** `high`: 红色服务通道, fixed when filed from the company's party organisation */
  priority: HelpPriority
  status: HelpStatus
  assignee_id: Generated<number | null>
  created_at: string
  updated_at: string
  /** the first reply by anyone but the requester */
  first_response_at: Generated<string | null>
  /** targets fixed when filed, in working days (weekends skipped) */
  response_due_at: string
  resolution_due_at: string
  /** the latest resolution; cleared on reopen */
  resolved_at: Generated<string | null>
  closed_at: Generated<string | null>
  reopen_count: Generated<number>
}

/** What happened to a help request: never updated nor deleted. */
export interface HelpRequestEventsTable {
  id: Generated<number>
  request_id: number
  actor_id: number
  kind: HelpEventKind
  from_status: HelpStatus | null
  to_status: HelpStatus | null
  assignee_id: number | null
  at: string
}

/** Photos the requester attached; the bytes are here so every instance can answer them. */
export interface HelpRequestPhotosTable {
  id: Generated<number>
  request_id: number
  uploader_id: number
  content_type: HelpPhotoType
  size: number
  bytes: Buffer
  created_at: string
}

/** The reply thread: never updated nor deleted. */
export interface HelpRequestRepliesTable {
  id: Generated<number>
  request_id: number
  author_id: number
  body: string
  created_at: string
}

/** The requester's one rating of a resolved request: never updated nor deleted. */
export interface HelpRequestRatingsTable {
  request_id: number
  requester_id: number
  score: number
  comment: Generated<string>
  created_at: string
}

/** A company's coverage state from `at` on (0013): appended by the organisation domain on every change. */
export interface CompanyHistoryTable {
  id: Generated<number>
  company_id: number
  status: CompanyStatus
  party_org: PartyOrg
  has_instructor: number
  branch_id: number | null
  at: string
}

export interface Database {
  committees: CommitteesTable
  companies: CompaniesTable
  company_history: CompanyHistoryTable
  branches: BranchesTable
  users: UsersTable
  announcements: AnnouncementsTable
  announcement_reads: AnnouncementReadsTable
  events: EventsTable
  event_signups: EventSignupsTable
  notifications: NotificationsTable
  notification_outbox: NotificationOutboxTable
  notification_schedule: NotificationScheduleTable
  wechat_subscriptions: WechatSubscriptionsTable
  health_packages: HealthPackagesTable
  health_claims: HealthClaimsTable
  idempotency_keys: IdempotencyKeysTable
  rate_limits: RateLimitsTable
  courses: CoursesTable
  course_sessions: CourseSessionsTable
  course_enrolments: CourseEnrolmentsTable
  materials: MaterialsTable
  checkins: CheckinsTable
  attendance_undos: AttendanceUndosTable
  checkin_attempts: CheckinAttemptsTable
  short_code_misses: ShortCodeMissesTable
  short_code_locks: ShortCodeLocksTable
  points_rules: PointsRulesTable
  points_ledger: PointsLedgerTable
  points_daily: PointsDailyTable
  material_reads: MaterialReadsTable
  invites: InvitesTable
  join_requests: JoinRequestsTable
  audit_log: AuditLogTable
  wechat_tokens: WechatTokensTable
  // 入党申请 (append-only but for application_state)
  applications: ApplicationsTable
  application_steps: ApplicationStepsTable
  application_step_people: ApplicationStepPeopleTable
  application_state: ApplicationStateTable
  // 红e帮帮团 (append-only but for help_requests)
  help_requests: HelpRequestsTable
  help_request_events: HelpRequestEventsTable
  help_request_replies: HelpRequestRepliesTable
  help_request_ratings: HelpRequestRatingsTable
  help_request_photos: HelpRequestPhotosTable
}

export type UserRow = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type AnnouncementRow = Selectable<AnnouncementsTable>
export type NewAnnouncement = Insertable<AnnouncementsTable>
export type EventRow = Selectable<EventsTable>
export type NewEvent = Insertable<EventsTable>
export type NewEventSignup = Insertable<EventSignupsTable>
export type NewNotification = Insertable<NotificationsTable>
export type HealthPackageRow = Selectable<HealthPackagesTable>
