import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import type { MeSummary } from '../../schemas'
import type { Viewer } from '../access'
import { cardTitle } from '../cards/card'
import { countMyCourses } from '../courses/repository'
import { countMySignups } from '../events/repository'
import { myCurrentHealthPackage } from '../health-packages/repository'
import { parkDay } from '../park-time'
import { pointsOfDay, totalPoints } from '../points/repository'

/** The 我的 tab in one answer: points, signups, courses, the health-package card and the tools. */
export async function meSummary(db: Kysely<Database>, viewer: Viewer, now: Date): Promise<MeSummary> {
  const [total, today, signups, enrolled, healthPackage, me] = await Promise.all([
    totalPoints(db, viewer.id),
    pointsOfDay(db, viewer.id, parkDay(now)),
    countMySignups(db, viewer, now),
    countMyCourses(db, viewer),
    myCurrentHealthPackage(db, viewer, now),
    db.selectFrom('users').select('political_status').where('id', '=', viewer.id).executeTakeFirst(),
  ])
  return {
    points: { total, today },
    signups,
    courses: { enrolled },
    healthPackage,
    card: viewer.onRoster && me ? { title: cardTitle(me.political_status) } : null,
    tools: {
      scope: viewer.parkAdmin ? 'park' : viewer.secretary ? 'branch' : null,
      healthPackages: viewer.parkAdmin,
    },
  }
}
