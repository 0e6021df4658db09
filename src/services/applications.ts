import type {
  Application,
  ApplicationCreateBody,
  ApplicationList,
  ApplicationListQuery,
  ApplicationOverview,
  ExtendBody,
  NamedRefList,
  StepBody,
  WithdrawBody,
} from '../../types/api'
import { request } from './request'

/** 入党申请: every rule (what is next, from when, by when, who may record it) is the server's. */

export function mine(): Promise<Application> {
  return request<Application>('/api/applications/mine')
}

export function apply(body: ApplicationCreateBody): Promise<Application> {
  return request<Application>('/api/applications', { method: 'POST', data: body })
}

export function get(id: number): Promise<Application> {
  return request<Application>(`/api/applications/${id}`)
}

export function list(query: Omit<ApplicationListQuery, 'format'> = {}): Promise<ApplicationList['items']> {
  return request<ApplicationList>('/api/applications', { data: query }).then((result) => result.items)
}

export function overview(): Promise<ApplicationOverview> {
  return request<ApplicationOverview>('/api/applications/overview')
}

export function recordStep(id: number, body: StepBody): Promise<Application> {
  return request<Application>(`/api/applications/${id}/steps`, { method: 'POST', data: body })
}

export function eligibleMembers(): Promise<NamedRefList['items']> {
  return request<NamedRefList>('/api/applications/eligible-members').then((result) => result.items)
}

export function partyMembers(id: number): Promise<NamedRefList['items']> {
  return request<NamedRefList>(`/api/applications/${id}/party-members`).then((result) => result.items)
}

/** 延长预备期: once, up to a year, with the reason (the branch secretary). */
export function extendProbation(id: number, body: ExtendBody): Promise<Application> {
  return request<Application>(`/api/applications/${id}/extension`, { method: 'POST', data: body })
}

/** 撤回: the applicant or their secretary, with the reason; the member is 群众 again. */
export function withdraw(id: number, body: WithdrawBody): Promise<Application> {
  return request<Application>(`/api/applications/${id}/withdraw`, { method: 'POST', data: body })
}

/** The pipeline as the CSV branch secretaries hand in (the same list, the same order). */
export function pipelineCsvPath(stage?: ApplicationListQuery['stage']): string {
  return `/api/applications?format=csv${stage ? `&stage=${stage}` : ''}`
}
