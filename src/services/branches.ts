import type { BranchList } from '../../types/api'
import { request } from './request'

/** The park's company branches, for organisers choosing whom a notice or event is for. */
export function list(): Promise<BranchList['items']> {
  return request<BranchList>('/api/branches').then((result) => result.items)
}
