import type { Generated, Insertable, Selectable } from 'kysely'
import type { PoliticalStatus, Scope } from '../schemas'

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

export interface Database {
  committees: CommitteesTable
  companies: CompaniesTable
  branches: BranchesTable
  users: UsersTable
  announcements: AnnouncementsTable
  announcement_reads: AnnouncementReadsTable
}

export type UserRow = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type AnnouncementRow = Selectable<AnnouncementsTable>
export type NewAnnouncement = Insertable<AnnouncementsTable>
