import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { PointsRuleCode } from '../../schemas/points'

/** What a member reads in their points history when no better text is known. */
export const RULE_NAMES: Record<PointsRuleCode, string> = {
  read_notice: '阅读通知公告',
  study_material: '学习资料',
  training_present: '参加培训',
  training_late: '参加培训(迟到)',
  attend_event: '参加活动',
}

const quoted = (title: string) => `《${title.length > 40 ? `${title.slice(0, 40)}…` : title}》`

async function titleOf(db: Kysely<Database>, objectType: string, objectId: number): Promise<string | null> {
  switch (objectType) {
    case 'announcement': {
      const row = await db
        .selectFrom('announcements')
        .select('title')
        .where('id', '=', objectId)
        .executeTakeFirst()
      return row?.title ?? null
    }
    case 'event': {
      const row = await db.selectFrom('events').select('title').where('id', '=', objectId).executeTakeFirst()
      return row?.title ?? null
    }
    case 'material': {
      const row = await db
        .selectFrom('materials')
        .select('title')
        .where('id', '=', objectId)
        .executeTakeFirst()
      return row?.title ?? null
    }
    case 'session': {
      const row = await db
        .selectFrom('course_sessions as s')
        .innerJoin('courses as c', 'c.id', 's.course_id')
        .select('c.title')
        .where('s.id', '=', objectId)
        .executeTakeFirst()
      return row?.title ?? null
    }
    default:
      return null
  }
}

/** The ledger text of an award, e.g. 阅读通知《…》 or 参加活动《…》. */
export async function describeAward(
  db: Kysely<Database>,
  rule: PointsRuleCode,
  objectType: string,
  objectId: number,
): Promise<string> {
  const title = await titleOf(db, objectType, objectId)
  if (title === null) return RULE_NAMES[rule]
  switch (rule) {
    case 'read_notice':
      return `阅读通知${quoted(title)}`
    case 'study_material':
      return `学习资料${quoted(title)}`
    case 'training_present':
      return `参加培训${quoted(title)}`
    case 'training_late':
      return `参加培训${quoted(title)}(迟到)`
    case 'attend_event':
      return `参加活动${quoted(title)}`
  }
}
