import type { Transaction, Updateable } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, forbidden } from '../../errors'
import type {
  HelpAssignBody,
  HelpRatingBody,
  HelpReplyBody,
  HelpRequestCreateBody,
  HelpRequestCreated,
  HelpStatus,
  HelpStatusBody,
} from '../../schemas'
import type { Viewer } from '../access'
import { notify } from '../notifications/notify'
import { tell } from './notices'
import { findVisibleHelpRequest, type HelpRequestRow } from './repository'
import { dueTimes, mayAssign, mayMove, mayRate, mayReply, nextStatus, standingOf } from './rules'

/*
 * Every change to a help request: the row moves with a guarded update (the status it was read
 * at), one history row is appended, and everyone concerned is told in the same transaction.
 */

const badTransition = (message: string) => new AppError(422, 'BAD_TRANSITION', message)
const conflict = () => new AppError(409, 'HELP_REQUEST_CONFLICT', '该求助刚被他人更新，请刷新后重试')

type Trx = Transaction<Database>

export async function record(
  trx: Trx,
  row: { id: number },
  viewer: Viewer,
  entry: {
    kind: Database['help_request_events']['kind']
    from?: HelpStatus | null
    to?: HelpStatus | null
    assigneeId?: number | null
  },
  at: string,
) {
  await trx
    .insertInto('help_request_events')
    .values({
      request_id: row.id,
      actor_id: viewer.id,
      kind: entry.kind,
      from_status: entry.from ?? null,
      to_status: entry.to ?? null,
      assignee_id: entry.assigneeId ?? null,
      at,
    })
    .execute()
}

/** Moves the row from the status it was read at; someone else moving it first is a conflict. */
export async function move(
  trx: Trx,
  row: HelpRequestRow,
  set: Updateable<Database['help_requests']>,
  at: string,
) {
  const result = await trx
    .updateTable('help_requests')
    .set({ ...set, updated_at: at })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where((eb) =>
      row.assignee_id === null ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', row.assignee_id),
    )
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw conflict()
}

export async function createHelpRequest(
  trx: Trx,
  viewer: Viewer,
  body: HelpRequestCreateBody,
  now: Date,
): Promise<HelpRequestCreated> {
  if (!viewer.onRoster) throw forbidden('请先完善信息，加入园区花名册后再提交求助')
  const company = await trx
    .selectFrom('users as u')
    .innerJoin('companies as c', 'c.id', 'u.company_id')
    .select(['c.id', 'c.branch_id', 'c.status'])
    .where('u.id', '=', viewer.id)
    .executeTakeFirst()
  if (!company) throw new AppError(422, 'NO_COMPANY', '你还没有所属企业，无法以企业名义提交求助')
  // 红色服务通道: a company with its own or a joint party organisation goes first.
  const priority = company.branch_id !== null ? 'high' : 'normal'
  const at = now.toISOString()
  const inserted = await trx
    .insertInto('help_requests')
    .values({
      company_id: company.id,
      requester_id: viewer.id,
      category: body.category,
      title: body.title.trim(),
      body: body.body.trim(),
      priority,
      status: 'submitted',
      created_at: at,
      updated_at: at,
      ...dueTimes(priority, at),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await record(trx, inserted, viewer, { kind: 'submitted', to: 'submitted' }, at)
  // The park assigns it: every park admin hears of a new request.
  const admins = await trx
    .selectFrom('users')
    .select(['id', 'roles'])
    .where('active', '=', 1)
    .where('roles', 'like', '%park_admin%')
    .execute()
  const channel = priority === 'high' ? '（红色服务通道）' : ''
  await notify(
    trx,
    admins
      .filter((admin) => admin.roles.split(',').includes('park_admin') && admin.id !== viewer.id)
      .map((admin) =>
        tell(inserted, admin.id, `新的企业求助待分派${channel}`, body.title.trim(), 'submitted'),
      ),
    now,
  )
  return { id: inserted.id, status: 'submitted', priority }
}

export async function assignHelpRequest(
  trx: Trx,
  viewer: Viewer,
  id: number,
  body: HelpAssignBody,
  now: Date,
) {
  const row = await findVisibleHelpRequest(trx, viewer, id)
  const standing = standingOf(viewer, row)
  if (!standing.parkAdmin) throw forbidden('只有园区管理员可以分派求助')
  if (!mayAssign(standing, row.status)) throw badTransition('已解决或已关闭的求助不能再分派')
  const helper = await trx
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'active'])
    .where('id', '=', body.helperId)
    .executeTakeFirst()
  if (!helper || helper.active !== 1 || !helper.roles.split(',').includes('helper')) {
    throw new AppError(422, 'NOT_A_HELPER', '只能分派给红e帮帮团成员')
  }
  if (helper.id === row.assignee_id) throw badTransition(`该求助已分派给${helper.name}`)
  const at = now.toISOString()
  const status: HelpStatus = row.status === 'submitted' ? 'assigned' : row.status
  await move(trx, row, { assignee_id: helper.id, status }, at)
  await record(
    trx,
    row,
    viewer,
    { kind: 'assigned', from: row.status, to: status, assigneeId: helper.id },
    at,
  )
  await notify(
    trx,
    [
      tell(
        row,
        helper.id,
        '新的求助待处理',
        `${row.company_name}:${row.title}`,
        `assigned:${helper.id}:${at}`,
      ),
      tell(
        row,
        row.requester_id,
        '求助已分派',
        `「${row.title}」已由${helper.name}跟进`,
        `assigned:${helper.id}:${at}`,
      ),
    ],
    now,
  )
}

export async function replyToHelpRequest(
  trx: Trx,
  viewer: Viewer,
  id: number,
  body: HelpReplyBody,
  now: Date,
) {
  const row = await findVisibleHelpRequest(trx, viewer, id)
  const standing = standingOf(viewer, row)
  if (!mayReply(standing)) throw forbidden('只有求助人、负责的帮帮团成员和园区管理员可以回复')
  if (row.status === 'closed') throw badTransition('求助已关闭，如需继续请重新打开')
  const at = now.toISOString()
  const inserted = await trx
    .insertInto('help_request_replies')
    .values({ request_id: row.id, author_id: viewer.id, body: body.body.trim(), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  const firstResponse = !standing.requester && row.first_response_at === null
  await move(trx, row, firstResponse ? { first_response_at: at } : {}, at)
  await record(trx, row, viewer, { kind: 'replied' }, at)
  const told = new Set(
    [row.requester_id, row.assignee_id].filter((userId) => userId !== null && userId !== viewer.id),
  )
  await notify(
    trx,
    [...told].map((userId) =>
      tell(
        row,
        userId as number,
        '求助有新回复',
        `「${row.title}」：${body.body.trim().slice(0, 40)}`,
        `reply:${inserted.id}`,
      ),
    ),
    now,
  )
  return { id: inserted.id }
}

const STATUS_WORDS: Record<HelpStatus, string> = {
  submitted: '重新进入待分派',
  assigned: '已分派',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
}

export async function changeHelpRequestStatus(
  trx: Trx,
  viewer: Viewer,
  id: number,
  body: HelpStatusBody,
  now: Date,
) {
  const row = await findVisibleHelpRequest(trx, viewer, id)
  const standing = standingOf(viewer, row)
  if (!mayMove(standing, body.status)) throw forbidden('没有权限变更该求助的状态')
  const to = nextStatus(row.status, body.status, standing, row.assignee_id !== null)
  if (to === null) throw badTransition(`当前状态「${STATUS_WORDS[row.status]}」不能这样变更`)
  const at = now.toISOString()
  const set: Updateable<Database['help_requests']> =
    body.status === 'reopened'
      ? { status: to, resolved_at: null, closed_at: null, reopen_count: row.reopen_count + 1 }
      : body.status === 'resolved'
        ? { status: to, resolved_at: at }
        : body.status === 'closed'
          ? { status: to, closed_at: at }
          : { status: to }
  await move(trx, row, set, at)
  await record(
    trx,
    row,
    viewer,
    { kind: body.status === 'reopened' ? 'reopened' : 'status', from: row.status, to },
    at,
  )
  const told = new Set(
    [row.requester_id, row.assignee_id].filter((userId) => userId !== null && userId !== viewer.id),
  )
  const words = body.status === 'reopened' ? '已重新打开' : STATUS_WORDS[to]
  await notify(
    trx,
    [...told].map((userId) =>
      tell(row, userId as number, `求助${words}`, `「${row.title}」${words}`, `status:${at}:${to}`),
    ),
    now,
  )
  return { status: to }
}

export async function rateHelpRequest(trx: Trx, viewer: Viewer, id: number, body: HelpRatingBody, now: Date) {
  const row = await findVisibleHelpRequest(trx, viewer, id)
  const standing = standingOf(viewer, row)
  if (!standing.requester) throw forbidden('只有求助人可以评价')
  const rated = await trx
    .selectFrom('help_request_ratings')
    .select('request_id')
    .where('request_id', '=', id)
    .executeTakeFirst()
  if (rated) throw new AppError(409, 'ALREADY_RATED', '你已评价过该求助')
  if (!mayRate(standing, row, false)) throw new AppError(422, 'NOT_RESOLVED', '求助解决后才能评价')
  const at = now.toISOString()
  try {
    await trx
      .insertInto('help_request_ratings')
      .values({
        request_id: id,
        requester_id: viewer.id,
        score: body.score,
        comment: body.comment?.trim() ?? '',
        created_at: at,
      })
      .execute()
  } catch (error) {
    throw isUniqueViolation(error) ? new AppError(409, 'ALREADY_RATED', '你已评价过该求助') : error
  }
  await record(trx, row, viewer, { kind: 'rated' }, at)
  if (row.assignee_id !== null) {
    await notify(
      trx,
      [tell(row, row.assignee_id, '求助收到评价', `「${row.title}」${body.score} 星`, 'rated')],
      now,
    )
  }
  return { score: body.score, comment: body.comment?.trim() ?? '', createdAt: at }
}
