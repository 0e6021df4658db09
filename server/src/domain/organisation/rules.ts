import type { BranchKind, PartyOrg, PoliticalStatus, Role } from '../../schemas'
import type { Viewer } from '../access'

/*
 * The organisation's rules on plain values: who sees a phone number, which roles a roster entry
 * holds, what the roster CSV's cells mean.
 */

/** A member's phone number shows in full to park admins and to the secretary of the member's branch. */
export function seesFullPhone(viewer: Viewer, memberBranchId: number | null): boolean {
  if (viewer.parkAdmin) return true
  return viewer.secretary && memberBranchId !== null && memberBranchId === viewer.branchId
}

/** Runs a branch's roster: park admins every branch, a secretary their own. */
export function managesRoster(viewer: Viewer, branchId: number | null): boolean {
  if (viewer.parkAdmin) return true
  return viewer.secretary && branchId !== null && branchId === viewer.branchId
}

/** A company's 党组织, from the branch covering it. */
export function partyOrgOf(branchKind: BranchKind | null): PartyOrg {
  return branchKind ?? 'none'
}

const ROLE_ORDER: readonly Role[] = ['member', 'secretary', 'park_admin', 'helper']

/** The roles a roster entry stores: always `member`, then the others in a fixed order. */
export function rosterRoles(roles: readonly Role[]): Role[] {
  const wanted = new Set<Role>(['member', ...roles])
  return ROLE_ORDER.filter((role) => wanted.has(role))
}

/** A phone number as typed in a spreadsheet (spaces, dashes, +86) as its 11 digits; null if it is none. */
export function normalisePhone(text: string): string | null {
  let digits = text.replace(/[\s\-()]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  return /^1[3-9][0-9]{9}$/.test(digits) ? digits : null
}

export const POLITICAL_STATUS_NAMES: Readonly<Record<PoliticalStatus, string>> = {
  party_member: '中共党员',
  probationary: '中共预备党员',
  candidate: '发展对象',
  activist: '入党积极分子',
  applicant: '入党申请人',
  masses: '群众',
}

const STATUS_ALIASES: ReadonlyMap<string, PoliticalStatus> = new Map([
  ...Object.entries(POLITICAL_STATUS_NAMES).map(([code, name]) => [name, code as PoliticalStatus] as const),
  ...Object.keys(POLITICAL_STATUS_NAMES).map((code) => [code, code as PoliticalStatus] as const),
  ['党员', 'party_member'],
  ['正式党员', 'party_member'],
  ['预备党员', 'probationary'],
  ['积极分子', 'activist'],
  ['申请人', 'applicant'],
])

/** 政治面貌 as written in the CSV (the Chinese name, a common short form or the API code). */
export function parsePoliticalStatus(text: string): PoliticalStatus | null {
  return STATUS_ALIASES.get(text.trim()) ?? null
}

/** 是否CEO: 是/否 (also Y/N, 1/0, true/false); empty is 否. */
export function parseYesNo(text: string): boolean | null {
  const value = text.trim().toLowerCase()
  if (['是', 'y', 'yes', '1', 'true'].includes(value)) return true
  if (['', '否', 'n', 'no', '0', 'false'].includes(value)) return false
  return null
}

/**
 * 出生日期 as `1990-05-01`, `1990/5/1` or `1990.5.1` (as Excel and WPS write dates): the normalised
 * day, null for an empty cell, undefined for something that is not a real day in the past.
 */
export function parseBirthDate(text: string, today: string): string | null | undefined {
  const value = text.trim()
  if (value === '') return null
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  const iso = date.toISOString().slice(0, 10)
  if (iso > today || year < 1900) return undefined
  return iso
}

/** A birth date in the API's form is a real day, not in the future. */
export function isValidBirthDate(value: string, today: string): boolean {
  return parseBirthDate(value, today) === value
}
