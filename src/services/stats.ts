import type { ParkStats, StatsMonthQuery } from '../../types/api'
import { request } from './request'

/** 园区数据 (park admins): coverage, members, activity and help requests of a month, with the year's trend. */
export function parkStats(query: StatsMonthQuery = {}): Promise<ParkStats> {
  return request<ParkStats>('/api/park-stats', { data: query })
}
