import type { Generated, Insertable, Selectable } from 'kysely'
import type { CategoryCode, ClaimStatus, NotificationKind, PoliticalStatus, Scope } from '../schemas'

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
  created_at: string
}

/** 党支部 of one company. */
export interface BranchesTable {
  id: Generated<number>
  name: string
  committee_id: number
  company_id: number | null
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
  /** Comma-joined roles, e.g. `member,secretary`. */
  roles: string
  created_at: string
}

export interface AnnouncementsTable {
  id: Generated<number>
  scope: Scope
  /** Set exactly when scope is `branch`. */
  branch_id: number | null
  title: string
  body: string
  pinned: number
  author_id: number
  published_at: string
  created_at: string
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
  created_at: string
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
  /** The request the key was first used for, e.g. `POST /api/events/12/signup`. */
  scope: string
  status_code: number
  response_json: string
  created_at: string
}

export interface Database {
  committees: CommitteesTable
  companies: CompaniesTable
  branches: BranchesTable
  users: UsersTable
  announcements: AnnouncementsTable
  announcement_reads: AnnouncementReadsTable
  events: EventsTable
  event_signups: EventSignupsTable
  notifications: NotificationsTable
  health_packages: HealthPackagesTable
  health_claims: HealthClaimsTable
  idempotency_keys: IdempotencyKeysTable
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
