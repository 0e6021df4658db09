import type { HelpActions, HelpPriority, HelpStatus, HelpStatusAction } from '../../schemas'
import type { Viewer } from '../access'
import { addParkWorkingDays } from '../park-time'

/*
 * The rules of 红e帮帮团 in one place: the park's targets, the status flow and who may move it.
 */

/** Working days to the first reply and to resolution; the 红色服务通道 halves the wait. */
export const TARGET_WORKING_DAYS: Record<HelpPriority, { response: number; resolution: number }> = {
  high: { response: 1, resolution: 5 },
  normal: { response: 2, resolution: 10 },
}

export function dueTimes(priority: HelpPriority, createdAt: string) {
  const target = TARGET_WORKING_DAYS[priority]
  return {
    response_due_at: addParkWorkingDays(createdAt, target.response),
    resolution_due_at: addParkWorkingDays(createdAt, target.resolution),
  }
}

/** Late: not done and past due, or done after due. */
export const isLate = (dueAt: string, doneAt: string | null, now: Date) =>
  (doneAt ?? now.toISOString()) > dueAt

export const OPEN_STATUSES: readonly HelpStatus[] = ['submitted', 'assigned', 'in_progress']

/** How the viewer stands to one request. */
export interface Standing {
  requester: boolean
  assignee: boolean
  parkAdmin: boolean
  helper: boolean
}

export function standingOf(
  viewer: Viewer,
  row: { requester_id: number; assignee_id: number | null },
): Standing {
  return {
    requester: row.requester_id === viewer.id,
    assignee: row.assignee_id !== null && row.assignee_id === viewer.id,
    parkAdmin: viewer.parkAdmin,
    helper: viewer.helper,
  }
}

export const maySee = (standing: Standing) =>
  standing.requester || standing.assignee || standing.helper || standing.parkAdmin

export const mayReply = (standing: Standing) => standing.requester || standing.assignee || standing.parkAdmin

/** Who may ask for each status move (403 for anyone else). */
export function mayMove(standing: Standing, action: HelpStatusAction): boolean {
  if (standing.parkAdmin || standing.assignee) return true
  return standing.requester && (action === 'closed' || action === 'reopened')
}

/**
 * Where a move leads from `status`, or null when it is not a move from there (422 BAD_TRANSITION).
 * A reopened request goes back to its helper (in_progress), or to the queue when it never had one.
 * The requester may close an open request (they no longer need help); others close it once resolved.
 */
export function nextStatus(
  status: HelpStatus,
  action: HelpStatusAction,
  standing: Standing,
  hasAssignee: boolean,
): HelpStatus | null {
  switch (action) {
    case 'in_progress':
      return status === 'assigned' ? 'in_progress' : null
    case 'resolved':
      return status === 'assigned' || status === 'in_progress' ? 'resolved' : null
    case 'closed':
      if (status === 'resolved') return 'closed'
      return OPEN_STATUSES.includes(status) && (standing.requester || standing.parkAdmin) ? 'closed' : null
    case 'reopened':
      if (status !== 'resolved' && status !== 'closed') return null
      return hasAssignee ? 'in_progress' : 'submitted'
  }
}

export const mayAssign = (standing: Standing, status: HelpStatus) =>
  standing.parkAdmin && OPEN_STATUSES.includes(status)

export const mayRate = (
  standing: Standing,
  row: { status: HelpStatus; resolved_at: string | null },
  rated: boolean,
) =>
  standing.requester &&
  !rated &&
  row.resolved_at !== null &&
  (row.status === 'resolved' || row.status === 'closed')

/** The requester adds and removes photos until the request is closed. */
export const mayChangePhotos = (standing: Standing, status: HelpStatus) =>
  standing.requester && status !== 'closed'

const ACTIONS: readonly HelpStatusAction[] = ['in_progress', 'resolved', 'closed', 'reopened']

export function actionsFor(
  standing: Standing,
  row: { status: HelpStatus; assignee_id: number | null; resolved_at: string | null },
  rated: boolean,
): HelpActions {
  return {
    reply: mayReply(standing) && row.status !== 'closed',
    assign: mayAssign(standing, row.status),
    status: ACTIONS.filter(
      (action) =>
        mayMove(standing, action) &&
        nextStatus(row.status, action, standing, row.assignee_id !== null) !== null,
    ),
    rate: mayRate(standing, row, rated),
    photos: mayChangePhotos(standing, row.status),
  }
}
