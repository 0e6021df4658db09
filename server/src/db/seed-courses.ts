/*
 * Demo courses: a park-wide 党务工作者培训班 with one session in the past (with its attendance), one
 * starting ten minutes after the seed so sign-in can be tried at once, and one next week; and a
 * study course with articles to read. The texts are invented for the demo.
 */

import type { Kysely } from 'kysely'
import { COMMITTEE_NAME } from './seed-data'
import type { CheckinStatus, Database } from './types'
import { startOfParkDay } from '../domain/park-time'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

interface SeedSession {
  /** Start: park-time day offset and `HH:MM`, or minutes after the seed time. */
  start: { day: number; time: string } | { minutesFromNow: number }
  hours: number
  venue: string
  lecturer: string
}

interface SeedMaterial {
  title: string
  summary: string
  readMinutes: number
  paragraphs: readonly string[]
}

interface SeedCourse {
  title: string
  kind: 'training' | 'study'
  description: string
  capacity: number
  /** Share of the park's people enrolled (secretaries always are in a training). */
  enrolShare: number
  sessions: readonly SeedSession[]
  materials: readonly SeedMaterial[]
}

const CENTRE = '园区党群服务中心'
const STATION = '创新驿站'

export const COURSES: readonly SeedCourse[] = [
  {
    title: '党务工作者培训班',
    kind: 'training',
    description:
      '面向园区各企业党支部书记、组织委员和党务工作者,分三次集中授课:“三会一课”与主题党日的组织规范,发展党员工作流程与材料要求,党费收缴管理与支部工作台账。\n每次授课现场扫码签到,开始前 30 分钟开放签到,开始 10 分钟后签到记为迟到。因故不能参加请提前向支部书记请假。全部参加者结业时颁发培训证书。',
    capacity: 120,
    enrolShare: 0.3,
    sessions: [
      {
        start: { day: -7, time: '14:30' },
        hours: 2.5,
        venue: `${CENTRE}多功能厅`,
        lecturer: '区委党校 郑老师',
      },
      {
        start: { minutesFromNow: 10 },
        hours: 2,
        venue: `${STATION}路演厅`,
        lecturer: '联合党委组织委员 黄老师',
      },
      {
        start: { day: 7, time: '14:30' },
        hours: 2.5,
        venue: `${CENTRE}多功能厅`,
        lecturer: '区委组织部 林老师',
      },
    ],
    materials: [],
  },
  {
    title: '学习贯彻党的二十大精神专题',
    kind: 'study',
    description:
      '结合互联网企业的发展实际,分专题学习党的二十大精神:中国式现代化的内涵、创新驱动发展、“两新”组织党建和青年党员的责任担当。\n学习资料可随时在线阅读;两次集中研讨在晚间进行,欢迎带着本岗位的问题和体会来交流。',
    capacity: 200,
    enrolShare: 0.35,
    sessions: [
      {
        start: { day: -10, time: '19:00' },
        hours: 1.5,
        venue: `${STATION}共享会议室A`,
        lecturer: '联合党委宣传委员 蔡老师',
      },
      {
        start: { day: 14, time: '19:00' },
        hours: 1.5,
        venue: `${STATION}共享会议室A`,
        lecturer: '市委党校 许老师',
      },
    ],
    materials: [
      {
        title: '专题导读:读懂中国式现代化',
        summary: '从人口规模、共同富裕、物质文明和精神文明相协调等方面,梳理中国式现代化的基本特征。',
        readMinutes: 6,
        paragraphs: [
          '党的二十大报告对中国式现代化作了系统阐述,这是本专题学习的起点。对园区里的年轻党员来说,“现代化”并不是一个遥远的概念:我们每天写下的代码、上线的产品、服务的用户,都是现代化进程中的一个个具体片段。读懂中国式现代化,首先要读懂它“中国式”在哪里。',
          '其一,它是人口规模巨大的现代化。十几亿人整体迈入现代化社会,规模超过现有发达国家人口的总和。这意味着任何一项数字服务,只要放到全国的尺度上,都要面对极其多样的用户:城市和乡村、年轻人和老年人、高速网络和信号薄弱的山区。做产品时多想一步“能不能让更多人用得上、用得好”,就是在这个宏大命题里找到了自己的位置。',
          '其二,它是全体人民共同富裕的现代化。共同富裕不是整齐划一的平均主义,而是在发展中不断缩小差距。园区不少企业做的是社区电商、在线教育、智慧出行,这些业务本身就连接着普通人的日常生活。把服务做得更普惠、更可及,让小商户、小微企业也能借助数字化工具增收,是企业在共同富裕路上可以做、也应当做的事。',
          '其三,它是物质文明和精神文明相协调的现代化。互联网企业是内容生产和传播的重要阵地,网络视听、动漫游戏、社交平台上的每一条内容都在影响人们的精神生活。守住内容底线、多出精品力作,既是合规要求,也是企业的社会责任。',
          '其四,它是人与自然和谐共生、走和平发展道路的现代化。数据中心的能耗、电子产品的回收、跨境业务中的合规经营,都与这两点密切相关。绿色计算、节能机房、负责任的海外经营,正在成为越来越多企业的自觉选择。',
          '学习时,建议大家不要停留在记住几个关键词,而是对照本职工作想一想:我所在的团队在哪些方面已经在做,还有哪些方面可以做得更好。下一次集中研讨时,每个支部请准备一个本企业的小案例,与大家交流。',
        ],
      },
      {
        title: '创新驱动:数字经济赛道上的党员担当',
        summary: '科技自立自强与数字经济发展对园区企业意味着什么,党员在研发一线可以怎样发挥作用。',
        readMinutes: 5,
        paragraphs: [
          '报告强调,必须坚持科技是第一生产力、人才是第一资源、创新是第一动力。对以技术立身的互联网企业来说,这句话分量很重。园区十几家企业中,有做人工智能和大数据的,有做区块链和网络安全的,也有做统一通信设备的,核心竞争力都来自持续的研发投入。',
          '创新从来不只是实验室里的事。一位在客服系统上做优化的工程师,把用户平均等待时间从两分钟缩短到二十秒;一个测试小组梳理出一套适老化检查清单,让产品在大字体模式下也不再错位——这些看似细小的改进,同样是创新,同样在为用户创造价值。',
          '党员在研发一线发挥作用,可以从三件事做起:一是带头攻坚,在关键模块、疑难问题上主动认领任务;二是带头分享,把踩过的坑、总结的方法写成文档、讲给新同事;三是带头守规矩,在数据安全、个人信息保护上一丝不苟,不为赶进度而打折扣。',
          '数字经济的发展离不开良好的生态。园区联合党委搭建的“红色路演”“创业辅导”等平台,就是希望把分散在各家企业的技术、人才和市场资源连接起来。欢迎各支部推荐本企业有代表性的技术成果,在平台上交流展示,也欢迎党员技术骨干报名担任创业导师。',
          '请大家结合本文思考:过去一年里,自己参与过的哪项工作最能体现“创新”二字?它解决了谁的什么问题?还有哪些地方可以做得更好?',
        ],
      },
      {
        title: '党建引领“两新”组织发展的园区实践',
        summary: '以园区联合党委为例,谈谈如何让党的组织和工作覆盖到新兴领域的中小企业。',
        readMinutes: 7,
        paragraphs: [
          '非公有制企业和社会组织,也就是常说的“两新”组织,是党建工作的重要阵地,也是难点所在。互联网企业普遍规模不大、员工年轻、流动性强,有的企业党员人数不足三人,难以单独成立支部;有的企业虽有党员,却因为业务繁忙,组织生活难以常态化。',
          '园区成立联合党委,正是为了破解这些难题。对党员人数较少的企业,采取联合组建、挂靠组建等方式,先把组织建起来;对暂不具备条件的企业,选派党建指导员定期走访,把党的工作覆盖进去。组织覆盖和工作覆盖“两个覆盖”一起抓,目标是让每一家企业、每一名党员都能找到组织。',
          '组织建起来之后,关键是活起来。联合党委的做法是把党建活动和企业发展需求结合起来:红色路演帮助创业项目对接资源,青创沙龙为青年员工提供交流平台,“红e”帮帮团走进企业宣讲政策、收集诉求。党建工作做得实,企业负责人看得到实效,支持力度自然就大了。',
          '党员身份亮出来,也是一条重要经验。在项目攻坚、志愿服务、公益创投等活动中,党员带头报名、带头服务,员工们看在眼里,不少年轻人由此对党组织有了更直观的认识,主动递交了入党申请书。',
          '当然,工作中也有不少需要改进的地方:部分支部组织生活形式单一,学习内容和业务结合不够紧密;部分企业党员流动后组织关系转接不及时;线上学习有时流于“打卡”。这些问题需要在实践中逐步解决。',
          '本文附带一个讨论题:你所在的企业,党组织在哪件事上真正帮到了企业或员工?如果让你为支部工作提一条建议,你会提什么?',
        ],
      },
      {
        title: '青年党员如何在岗位上践行初心',
        summary: '写给入党不久的年轻同事:把初心落实到每天的工作和生活里。',
        readMinutes: 4,
        paragraphs: [
          '园区党员的平均年龄不到三十二岁,很多同志入党时间不长,工作节奏快、加班多。有人会问:在互联网公司上班,践行初心具体体现在哪里?',
          '初心首先体现在把本职工作做好。按时保质交付、认真对待每一个用户反馈、不在数据和质量上弄虚作假,这些朴素的职业操守,就是党员最基本的样子。',
          '初心也体现在关键时刻站得出来。服务器凌晨告警时第一个响应,团队遇到难题时主动承担,新同事入职时耐心带教——这些时刻,身边的人会记住“他是党员”。',
          '初心还体现在工作之外的点滴。参加一次社区志愿服务,帮助一位走失的老人回家,向身边的朋友讲清楚一项惠企政策,都是在用行动传递温度。',
          '学习不是打卡,积分也不是目的。希望大家在阅读之后,能和身边的党员、同事聊一聊:我为什么入党,入党以后我有什么变化。',
        ],
      },
    ],
  },
]

/** A deterministic share of people, spread evenly (Knuth's multiplicative hash of the id). */
const picked = (id: number, share: number, salt: number): boolean =>
  (Math.imul(id + salt, 2654435761) >>> 0) / 4294967296 < share

/**
 * Writes the demo courses into the demo park when it has none yet; returns whether it wrote any.
 * Never touches a database that is not the demo park.
 */
export async function seedCourses(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('courses').select('id').limit(1).executeTakeFirst()
  if (existing) return false
  const demo = await db
    .selectFrom('committees')
    .select('id')
    .where('name', '=', COMMITTEE_NAME)
    .executeTakeFirst()
  if (!demo) return false
  if (db.isTransaction) return writeCourses(db, now)
  return db.transaction().execute((trx) => writeCourses(trx, now))
}

async function writeCourses(trx: Kysely<Database>, now: Date): Promise<boolean> {
  const users = await trx
    .selectFrom('users')
    .select(['id', 'roles', 'branch_id', 'political_status'])
    .where('wechat_openid', 'is', null)
    .orderBy('id')
    .execute()
  const parkAdmin = users.find((user) => user.roles.split(',').includes('park_admin'))
  if (!parkAdmin) return false

  // Midnight of the seed day in park time: demo sessions start at local hours.
  const parkMidnight = Date.parse(startOfParkDay(now))
  const seedMinute = Math.floor(now.getTime() / MINUTE) * MINUTE
  const iso = (ms: number) => new Date(ms).toISOString()
  const startOf = (session: SeedSession): number => {
    if ('minutesFromNow' in session.start) return seedMinute + session.start.minutesFromNow * MINUTE
    const [hour, minute] = session.start.time.split(':').map(Number) as [number, number]
    return parkMidnight + session.start.day * DAY + hour * HOUR + minute * MINUTE
  }

  for (const [index, course] of COURSES.entries()) {
    const sessions = course.sessions.map((session) => {
      const startsAt = startOf(session)
      return { session, startsAt, endsAt: startsAt + session.hours * HOUR }
    })
    const firstStart = Math.min(...sessions.map((s) => s.startsAt))
    const lastEnd = Math.max(...sessions.map((s) => s.endsAt))
    const createdAt = Math.min(firstStart - 14 * DAY, now.getTime() - DAY)
    const enrolled = users
      .filter(
        (user) =>
          (course.kind === 'training' && user.roles.split(',').includes('secretary')) ||
          (user.political_status !== 'masses' && picked(user.id, course.enrolShare, index * 7919)),
      )
      .slice(0, course.capacity)

    const { id: courseId } = await trx
      .insertInto('courses')
      .values({
        title: course.title,
        kind: course.kind,
        description: course.description,
        branch_id: null,
        capacity: course.capacity,
        enrolled_count: enrolled.length,
        starts_at: iso(firstStart),
        ends_at: iso(lastEnd),
        created_by: parkAdmin.id,
        created_at: iso(createdAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const sessionIds: number[] = []
    for (const { session, startsAt, endsAt } of sessions) {
      const { id } = await trx
        .insertInto('course_sessions')
        .values({
          course_id: courseId,
          starts_at: iso(startsAt),
          ends_at: iso(endsAt),
          venue: session.venue,
          lecturer: session.lecturer,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      sessionIds.push(id)
    }

    if (enrolled.length > 0) {
      await trx
        .insertInto('course_enrolments')
        .values(
          enrolled.map((user, n) => ({
            course_id: courseId,
            user_id: user.id,
            created_at: iso(
              createdAt + Math.floor(((n + 1) * (firstStart - createdAt - HOUR)) / (enrolled.length + 1)),
            ),
          })),
        )
        .execute()
    }

    if (course.materials.length > 0) {
      await trx
        .insertInto('materials')
        .values(
          course.materials.map((material, position) => ({
            course_id: courseId,
            title: material.title,
            summary: material.summary,
            body: material.paragraphs.join('\n'),
            read_minutes: material.readMinutes,
            position,
          })),
        )
        .execute()
    }

    // Attendance of the sessions that have ended: most came, some late, a few on leave, some absent.
    const checkins = sessions.flatMap(({ startsAt, endsAt }, n) => {
      if (endsAt >= now.getTime()) return []
      return enrolled.flatMap((user, i) => {
        const roll = (Math.imul(user.id * 31 + n, 2246822519) >>> 0) % 100
        let status: CheckinStatus
        let at: number
        if (roll < 74) {
          status = 'present'
          at = startsAt - (25 - (i % 30)) * MINUTE
        } else if (roll < 84) {
          status = 'late'
          at = startsAt + (11 + (i % 20)) * MINUTE
        } else if (roll < 90) {
          status = 'leave'
          at = startsAt - DAY + (i % 8) * HOUR
        } else {
          return []
        }
        const leave = status === 'leave'
        const offline = !leave && roll % 17 === 0
        const manual = leave || roll === 5
        return [
          {
            session_id: sessionIds[n] as number,
            user_id: user.id,
            status,
            checked_in_at: iso(at),
            scanned_at: offline ? iso(at) : null,
            offline: offline ? 1 : 0,
            manual: manual ? 1 : 0,
            note: leave ? (roll % 2 === 0 ? '出差' : '项目上线值班') : null,
            recorded_by: manual ? parkAdmin.id : null,
            created_at: iso(offline ? at + 4 * MINUTE : at),
          },
        ]
      })
    })
    for (let i = 0; i < checkins.length; i += 200) {
      await trx
        .insertInto('checkins')
        .values(checkins.slice(i, i + 200))
        .execute()
    }
  }
  return true
}
