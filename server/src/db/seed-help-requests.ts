import type { Insertable, Transaction } from 'kysely'
import { dueTimes } from '../domain/help-requests/rules'
import { DAY_MS, HOUR_MS } from '../domain/park-time'
import type { HelpCategory, HelpStatus } from '../schemas'
import { solidPng } from './demo-images'
import type { Database, NewUser } from './types'

/*
 * Demo 红e帮帮团: three helpers from the district's departments, and a year of help requests from
 * the park's companies in every state — most long since resolved, closed and rated, the recent ones
 * still waiting, assigned or in progress, one reopened, some late against the park's targets — so
 * the park's statistics have a trend. A request filed before its company had a party branch went
 * through the ordinary channel; after, through the 红色服务通道.
 */

/** Deterministic, so every fresh database gets the same requests. */
function lcg(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  }
}

/** The demo requests (by number) that carry a photo, and its colour. */
const PHOTO_COLOURS: Partial<Record<number, readonly [number, number, number]>> = {
  2: [200, 40, 40],
  5: [60, 120, 200],
}

export const DEMO_HELPERS = [
  { name: '陈思远', team: '税务讲堂' },
  { name: '王慧敏', team: '政策宣讲团' },
  { name: '刘建华', team: '人才服务站' },
] as const

const REQUESTS: ReadonlyArray<{ category: HelpCategory; title: string; body: string; reply: string }> = [
  {
    category: 'tax',
    title: '研发费用加计扣除怎么申报',
    body: '我们今年的研发投入比较大，想了解研发费用加计扣除的口径和申报时间，需要准备哪些材料？',
    reply:
      '您好，研发费用加计扣除可在预缴申报时享受，需留存研发项目立项、费用归集台账等资料，下周税务讲堂有专场讲解，欢迎参加。',
  },
  {
    category: 'tax',
    title: '小规模纳税人增值税优惠咨询',
    body: '公司刚成立一年，还是小规模纳税人，请问现在的增值税减免政策是怎样的？开专票有影响吗？',
    reply: '小规模纳税人月销售额未超过规定标准的可享受免征，开具专票的部分需正常纳税，我把政策原文发您参考。',
  },
  {
    category: 'policy',
    title: '高新技术企业认定条件',
    body: '想申请高新技术企业认定，请问对知识产权数量和研发人员比例有什么要求？园区能否协助辅导？',
    reply:
      '高企认定对知识产权、研发人员占比、研发费用占比都有要求，园区每年组织两次申报辅导，已把您加入名单。',
  },
  {
    category: 'policy',
    title: '软件企业补贴政策',
    body: '区里对软件和信息服务企业有没有房租或者研发补贴？申报入口在哪里？',
    reply: '区里有针对软件企业的研发投入补助，申报在每年三季度，我已把申报指南和联系人发您。',
  },
  {
    category: 'finance',
    title: '想对接科技信贷',
    body: '公司准备扩大团队，流动资金有缺口，想了解园区合作银行的科技信贷产品和利率。',
    reply: '园区合作的三家银行都有科技贷产品，可凭知识产权质押，我帮您约了下周二的银企对接会。',
  },
  {
    category: 'finance',
    title: '天使轮融资路演机会',
    body: '我们在做企业服务SaaS,想参加园区的红色路演，接触一些早期投资机构。',
    reply: '下一期红色路演在月底，报名入口在活动页，我把您推荐给两家关注企业服务的机构。',
  },
  {
    category: 'talent',
    title: '应届生招聘渠道',
    body: '今年计划招 10 名应届生做研发，想了解园区和高校合作的招聘会安排。',
    reply: '春季校园招聘会 3 月在园区举办，可免费设展位，另外人才驿站可提供实习生见习补贴。',
  },
  {
    category: 'talent',
    title: '高层次人才认定咨询',
    body: '我们的技术负责人是海外回国人员，请问能否申请区里的高层次人才认定，有哪些待遇？',
    reply: '符合条件可申请区级高层次人才认定，享受住房补贴和子女入学服务，材料清单已发您。',
  },
  {
    category: 'space',
    title: '需要扩租办公场地',
    body: '团队扩张后工位不够，想在园区内再租 200 平米左右的办公室，有没有合适的房源？',
    reply: '园区 B 栋 5 层有一套 230 平米的空置办公室，可以安排本周看房。',
  },
  {
    category: 'space',
    title: '借用会议室开年会',
    body: '公司年会大约 80 人，想借用园区的多功能厅，需要怎么预约？',
    reply: '多功能厅可容纳 120 人，已为您预留了您说的日期，请到园区服务中心登记。',
  },
  {
    category: 'other',
    title: '员工子女入学咨询',
    body: '有几位外地员工关心孩子在附近学校的入学政策，园区能否提供相关信息？',
    reply: '已把湖里区今年的入学政策和积分办法整理给您，有具体问题可以随时联系。',
  },
  {
    category: 'other',
    title: '党建活动场地和经费',
    body: '支部想组织一次主题党日，请问园区能否提供场地和活动经费支持？',
    reply: '主题党日可使用园区党群服务中心，经费可按联合党委的办法申请，表格已发您。',
  },
]

const COMMENTS = [
  '回复很及时，问题解决了',
  '讲解得很清楚，谢谢帮帮团',
  '帮了大忙',
  '材料很全，省了不少时间',
  '',
]

export async function seedHelpRequests(trx: Transaction<Database>, now: Date): Promise<void> {
  const random = lcg(20261124)
  const at = (ms: number) => new Date(ms).toISOString()

  const helperRows: NewUser[] = DEMO_HELPERS.map((helper, i) => ({
    name: helper.name,
    wechat_openid: null,
    branch_id: null,
    company_id: null,
    political_status: 'party_member',
    is_ceo: 0,
    roles: 'member,helper',
    phone: `1990592${String(1001 + i).padStart(4, '0')}`,
    created_at: at(now.getTime() - 400 * DAY_MS),
  }))
  const helpers = await trx.insertInto('users').values(helperRows).returning('id').execute()
  const helperIds = helpers.map((row) => row.id)

  const admin = await trx
    .selectFrom('users')
    .select('id')
    .where('roles', 'like', '%park_admin%')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const requesters = await trx
    .selectFrom('users as u')
    .innerJoin('companies as c', 'c.id', 'u.company_id')
    .leftJoin('branches as b', 'b.id', 'c.branch_id')
    .select(['u.id', 'u.company_id', 'b.created_at as branch_since'])
    .where('u.is_ceo', '=', 1)
    .where('c.status', '=', 'operating')
    .orderBy('u.id')
    .execute()
  if (requesters.length === 0) return

  const COUNT = 72
  for (let n = 0; n < COUNT; n++) {
    // Spread over the last year, a little busier in recent months; the last few are still open.
    const daysAgo =
      n < 8 ? [0.2, 0.6, 1.5, 2.5, 3.5, 4, 6, 9][n]! : Math.round(12 + (353 * (n - 8)) / (COUNT - 8))
    const createdMs = now.getTime() - daysAgo * DAY_MS - random.int(0, 6) * HOUR_MS
    const requester = requesters[(n * 7) % requesters.length]!
    const template = REQUESTS[(n * 5 + random.int(0, 2)) % REQUESTS.length]!
    const createdAt = at(createdMs)
    const priority =
      requester.branch_since !== null && requester.branch_since <= createdAt ? 'high' : 'normal'
    const helperId = helperIds[template.category === 'tax' ? 0 : template.category === 'talent' ? 2 : n % 3]!

    // Where each request got to: the eight recent ones cover every open state.
    const recentStates: HelpStatus[] = [
      'submitted',
      'submitted',
      'assigned',
      'assigned',
      // filed three and a half days ago and still waiting: late on the park's target
      'submitted',
      'in_progress',
      'resolved',
      'in_progress',
    ]
    const final: HelpStatus =
      n < 8 ? recentStates[n]! : n === 9 ? 'resolved' : random.next() < 0.85 ? 'closed' : 'resolved'
    const responseHours = random.next() < 0.2 ? random.int(50, 96) : random.int(2, 30)

    const events: Array<Insertable<Database['help_request_events']>> = []
    const replies: Array<{ author_id: number; body: string; created_at: string }> = []
    const event = (
      kind: Database['help_request_events']['kind'],
      actor: number,
      ms: number,
      from: HelpStatus | null,
      to: HelpStatus | null,
      assigneeId: number | null = null,
    ) =>
      events.push({
        request_id: 0,
        actor_id: actor,
        kind,
        from_status: from,
        to_status: to,
        assignee_id: assigneeId,
        at: at(ms),
      })

    event('submitted', requester.id, createdMs, null, 'submitted')
    // Two of the recent requests came with a photo (a small one, made here).
    const photo = PHOTO_COLOURS[n]
    if (photo) event('photo_added', requester.id, createdMs + 60_000, null, null)
    let status: HelpStatus = 'submitted'
    let assigneeId: number | null = null
    let firstResponseAt: string | null = null
    let resolvedAt: string | null = null
    let closedAt: string | null = null
    let reopenCount = 0
    let lastMs = createdMs
    const step = (hours: number) => {
      lastMs = Math.min(lastMs + hours * HOUR_MS, now.getTime() - 10 * 60 * 1000)
      return lastMs
    }
    if (final !== 'submitted') {
      const assignedMs = step(Math.min(responseHours / 2, 20))
      event('assigned', admin.id, assignedMs, 'submitted', 'assigned', helperId)
      status = 'assigned'
      assigneeId = helperId
    }
    if (final === 'in_progress' || final === 'resolved' || final === 'closed') {
      const replyMs = step(responseHours / 2)
      replies.push({ author_id: helperId, body: template.reply, created_at: at(replyMs) })
      event('replied', helperId, replyMs, null, null)
      firstResponseAt = at(replyMs)
      event('status', helperId, replyMs, 'assigned', 'in_progress')
      status = 'in_progress'
      if (n % 4 === 1) {
        const followMs = step(random.int(2, 20))
        replies.push({
          author_id: requester.id,
          body: '好的，谢谢！我们准备好材料再联系您。',
          created_at: at(followMs),
        })
        event('replied', requester.id, followMs, null, null)
      }
    }
    if (final === 'resolved' || final === 'closed') {
      const resolvedMs = step(random.int(12, 24 * (random.next() < 0.15 ? 16 : 6)))
      event('status', helperId, resolvedMs, 'in_progress', 'resolved')
      status = 'resolved'
      resolvedAt = at(resolvedMs)
      if (n === 20) {
        // Reopened once: the answer did not settle it, the helper came back to it.
        const reopenMs = step(30)
        event('reopened', requester.id, reopenMs, 'resolved', 'in_progress')
        const againMs = step(40)
        replies.push({
          author_id: helperId,
          body: '补充材料已收到，已协调相关部门办理完毕。',
          created_at: at(againMs),
        })
        event('replied', helperId, againMs, null, null)
        event('status', helperId, againMs, 'in_progress', 'resolved')
        resolvedAt = at(againMs)
        reopenCount = 1
      }
    }
    if (final === 'closed') {
      const closedMs = step(random.int(4, 72))
      event('status', requester.id, closedMs, 'resolved', 'closed')
      status = 'closed'
      closedAt = at(closedMs)
    }

    const inserted = await trx
      .insertInto('help_requests')
      .values({
        company_id: requester.company_id as number,
        requester_id: requester.id,
        category: template.category,
        title: template.title,
        body: template.body,
        priority,
        status,
        assignee_id: assigneeId,
        created_at: createdAt,
        updated_at: at(lastMs),
        first_response_at: firstResponseAt,
        resolved_at: resolvedAt,
        closed_at: closedAt,
        reopen_count: reopenCount,
        ...dueTimes(priority, createdAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    if (photo) {
      const bytes = solidPng(96, 72, photo)
      await trx
        .insertInto('help_request_photos')
        .values({
          request_id: inserted.id,
          uploader_id: requester.id,
          content_type: 'image/png',
          size: bytes.length,
          bytes,
          created_at: at(createdMs + 60_000),
        })
        .execute()
    }
    if (replies.length > 0) {
      await trx
        .insertInto('help_request_replies')
        .values(replies.map((reply) => ({ ...reply, request_id: inserted.id })))
        .execute()
    }
    // Most who got an answer rated it.
    const rated = resolvedAt !== null && n % 5 !== 3
    const ratingMs = lastMs + HOUR_MS
    if (rated) {
      await trx
        .insertInto('help_request_ratings')
        .values({
          request_id: inserted.id,
          requester_id: requester.id,
          score: random.next() < 0.7 ? 5 : random.int(3, 4),
          comment: random.pick(COMMENTS),
          created_at: at(Math.min(ratingMs, now.getTime())),
        })
        .execute()
      event('rated', requester.id, Math.min(ratingMs, now.getTime()), null, null)
    }
    await trx
      .insertInto('help_request_events')
      .values(events.map((row) => ({ ...row, request_id: inserted.id })))
      .execute()
  }
}
