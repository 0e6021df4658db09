import type {
  HelpRequestCreateBody,
  HelpPhotoCreated,
  HelpRequestCreated,
  HelpRequestDetail,
  HelpRequestListQuery,
  HelpRequestPage,
  HelperSummary,
  HelpStatusAction,
} from '../../types/api'
import { request } from './request'

/** 红e帮帮团: who may do what, the priority and the due times are the server's. */

const PAGE_SIZE = 20

export function list(
  query: Omit<HelpRequestListQuery, 'cursor' | 'limit'>,
  cursor: string | null,
): Promise<HelpRequestPage> {
  return request<HelpRequestPage>('/api/help-requests', {
    data: { ...query, limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}

export function create(body: HelpRequestCreateBody): Promise<HelpRequestCreated> {
  return request<HelpRequestCreated>('/api/help-requests', { method: 'POST', data: body })
}

export function get(id: number): Promise<HelpRequestDetail> {
  return request<HelpRequestDetail>(`/api/help-requests/${id}`)
}

export function helpers(): Promise<HelperSummary[]> {
  return request<HelperSummary[]>('/api/help-requests/helpers')
}

export function assign(id: number, helperId: number): Promise<HelpRequestDetail> {
  return request<HelpRequestDetail>(`/api/help-requests/${id}/assign`, { method: 'POST', data: { helperId } })
}

export function reply(id: number, body: string): Promise<HelpRequestDetail> {
  return request<HelpRequestDetail>(`/api/help-requests/${id}/replies`, { method: 'POST', data: { body } })
}

export function changeStatus(id: number, status: HelpStatusAction): Promise<HelpRequestDetail> {
  return request<HelpRequestDetail>(`/api/help-requests/${id}/status`, { method: 'POST', data: { status } })
}

export function rate(id: number, score: number, comment: string): Promise<HelpRequestDetail> {
  return request<HelpRequestDetail>(`/api/help-requests/${id}/rating`, {
    method: 'POST',
    data: comment.trim() ? { score, comment: comment.trim() } : { score },
  })
}

/** One photo, as the image's own bytes (JPEG, PNG or WebP, at most 2 MB). */
export function uploadPhoto(id: number, bytes: ArrayBuffer, type: string): Promise<HelpPhotoCreated> {
  return request<HelpPhotoCreated>(`/api/help-requests/${id}/photos`, {
    method: 'POST',
    data: bytes,
    header: { 'Content-Type': type },
  })
}

export function removePhoto(id: number, photoId: number): Promise<HelpRequestDetail> {
  return request<HelpRequestDetail>(`/api/help-requests/${id}/photos/${photoId}`, { method: 'DELETE' })
}
