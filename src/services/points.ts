import type { BranchStats, BranchStatsQuery, MyPoints, PointsRule } from '../../types/api'
import { request } from './request'

export const POINTS_PAGE_SIZE = 20

/**
 * 学习积分: my total and today's sum as the server counts them, and one page of my ledger, newest
 * first. The client never adds points up itself: the ledger is the server's.
 */
export function myPoints(cursor?: string | null, limit = POINTS_PAGE_SIZE): Promise<MyPoints> {
  return request<MyPoints>('/api/me/points', { data: { limit, cursor: cursor || undefined } })
}

/** How points are earned: points per award, daily cap, once per object. */
export function rules(): Promise<PointsRule[]> {
  return request<PointsRule[]>('/api/points/rules')
}

/** Secretaries: their branch; park admins: the park or one branch. Aggregates only, never a person. */
export function branchStats(query: BranchStatsQuery = {}): Promise<BranchStats> {
  return request<BranchStats>('/api/branch-stats', { data: query })
}
