/*
 * Demo study points: the ledger a park would have if points had been running all along. Every
 * entry comes from something the seed says the member did — a notice they read, an event they were
 * checked in at, a training session they attended, a study material they read (written here) — and
 * goes through the same rules as live awards: once per object and the daily caps.
 */

import type { Insertable, Kysely } from 'kysely'
import { DAY_MS, HOUR_MS, MINUTE_MS, parkDay, shiftIso, startOfParkDay } from '../domain/park-time'
import { objectKeyOf, unitsWithinCap } from '../domain/points/ledger'
import { MAX_READING_MINUTES, MINUTES_PER_POINT } from '../domain/points/reading'
import type { PointsRuleCode } from '../schemas/points'
import { COMMITTEE_NAME } from './seed-data'
import type { Database, PointsDailyTable, PointsLedgerTable } from './types'

/** Rows per INSERT statement: well under SQLite's bound-parameter limit. */
const CHUNK = 200

/** A deterministic share of people, spread evenly (Knuth's multiplicative hash). */
const hashed = (value: number, salt: number): number =>
  (Math.imul(value + salt, 2654435761) >>> 0) / 4294967296

const quoted = (title: string) => `《${title.length > 40 ? `${title.slice(0, 40)}…` : title}》`

interface Deed {
  userId: number
  rule: PointsRuleCode
  objectType: string
  objectId: number
  at: string
  reason: string
  /** Units of the rule earned (study_material: full 4-minute spans). */
  units: number
  /** Set for a material reading: records how many points it got. */
  onAwarded?: (points: number) => void
}

/**
 * Writes the demo ledger into the demo park when the ledger is still empty; returns whether it did.
 * Runs after the other demo seeds, so the reads, check-ins and attendance it rewards already exist.
 */
export async function seedPoints(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('points_ledger').select('id').limit(1).executeTakeFirst()
  if (existing) return false
  const demo = await db
    .selectFrom('committees')
    .select('id')
    .where('name', '=', COMMITTEE_NAME)
    .executeTakeFirst()
  if (!demo) return false
  if (db.isTransaction) return writePoints(db, now)
  return db.transaction().execute((trx) => writePoints(trx, now))
}

async function writePoints(trx: Kysely<Database>, now: Date): Promise<boolean> {
  const rules = new Map(
    (await trx.selectFrom('points_rules').selectAll().where('active', '=', 1).execute()).map((rule) => [
      rule.code,
      rule,
    ]),
  )
  const deeds: Deed[] = []

  // Notices read by people other than their authors.
  const reads = await trx
    .selectFrom('announcement_reads as r')
    .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
    .select(['r.user_id', 'r.announcement_id', 'r.read_at', 'a.title'])
    .whereRef('a.author_id', '<>', 'r.user_id')
    .execute()
  for (const read of reads) {
    deeds.push({
      userId: read.user_id,
      rule: 'read_notice',
      objectType: 'announcement',
      objectId: read.announcement_id,
      at: read.read_at,
      reason: `阅读通知${quoted(read.title)}`,
      units: 1,
    })
  }

  // Events the member was checked in at.
  const attended = await trx
    .selectFrom('event_signups as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.user_id', 's.event_id', 's.checked_in_at', 'e.title'])
    .where('s.status', '=', 'confirmed')
    .where('s.checked_in_at', 'is not', null)
    .execute()
  for (const signup of attended) {
    deeds.push({
      userId: signup.user_id,
      rule: 'attend_event',
      objectType: 'event',
      objectId: signup.event_id,
      at: signup.checked_in_at as string,
      reason: `参加活动${quoted(signup.title)}`,
      units: 1,
    })
  }

  // Training sessions attended, on time or late (leave earns nothing).
  const trainings = await trx
    .selectFrom('checkins as c')
    .innerJoin('course_sessions as s', 's.id', 'c.session_id')
    .innerJoin('courses as k', 'k.id', 's.course_id')
    .select(['c.user_id', 'c.session_id', 'c.status', 'c.checked_in_at', 'k.title'])
    .where('c.status', 'in', ['present', 'late'])
    .execute()
  for (const checkin of trainings) {
    const late = checkin.status === 'late'
    deeds.push({
      userId: checkin.user_id,
      rule: late ? 'training_late' : 'training_present',
      objectType: 'session',
      objectId: checkin.session_id,
      at: checkin.checked_in_at,
      reason: `参加培训${quoted(checkin.title)}${late ? '(迟到)' : ''}`,
      units: 1,
    })
  }

  // Study materials read over the last two weeks by some of the people enrolled in their course.
  const readers = await trx
    .selectFrom('materials as m')
    .innerJoin('course_enrolments as e', 'e.course_id', 'm.course_id')
    .select(['m.id as material_id', 'm.title', 'm.read_minutes', 'e.user_id'])
    .orderBy('m.id')
    .orderBy('e.user_id')
    .execute()
  const parkMidnight = startOfParkDay(now)
  const nowIso = now.toISOString()
  const readings: Array<Insertable<Database['material_reads']> & { points_awarded: number }> = []
  for (const reader of readers) {
    const roll = hashed(reader.user_id * 131 + reader.material_id, 7)
    if (roll >= 0.45) continue
    const daysAgo = 1 + Math.floor(hashed(reader.user_id, reader.material_id * 17) * 13)
    // Evenings and lunch breaks, park time.
    const startHour = [12, 20, 21][reader.user_id % 3] as number
    const openedAt = shiftIso(
      parkMidnight,
      -daysAgo * DAY_MS + startHour * HOUR_MS + ((reader.user_id * 7) % 50) * MINUTE_MS,
    )
    const minutes = Math.max(2, Math.round(reader.read_minutes * (0.6 + roll * 1.4)))
    const closedAt = shiftIso(openedAt, minutes * MINUTE_MS + ((reader.user_id * 13) % 50) * 1000)
    if (closedAt >= nowIso) continue
    const reading = {
      user_id: reader.user_id,
      material_id: reader.material_id,
      opened_at: openedAt,
      closed_at: closedAt,
      minutes_awarded: Math.min(minutes, MAX_READING_MINUTES),
      points_awarded: 0,
    }
    readings.push(reading)
    deeds.push({
      userId: reader.user_id,
      rule: 'study_material',
      objectType: 'material',
      objectId: reader.material_id,
      at: reading.closed_at,
      reason: `学习资料${quoted(reader.title)}阅读 ${reading.minutes_awarded} 分钟`,
      units: Math.floor(reading.minutes_awarded / MINUTES_PER_POINT),
      onAwarded: (points) => {
        reading.points_awarded = points
      },
    })
  }

  // The same rules as live awards, applied in the order things happened.
  deeds.sort((a, b) => a.at.localeCompare(b.at) || a.userId - b.userId)
  const rewarded = new Set<string>()
  const daily = new Map<string, PointsDailyTable>()
  const ledger: Insertable<PointsLedgerTable>[] = []
  for (const deed of deeds) {
    const rule = rules.get(deed.rule)
    if (!rule || deed.units < 1) continue
    const objectKey = rule.once_per_object === 1 ? objectKeyOf(deed.objectType, deed.objectId) : null
    if (objectKey !== null && rewarded.has(`${deed.userId}/${objectKey}`)) continue
    const day = parkDay(deed.at)
    const dayKey = `${deed.userId}/${deed.rule}/${day}`
    const sum = daily.get(dayKey) ?? { user_id: deed.userId, rule: deed.rule, day, total: 0 }
    const units = unitsWithinCap(rule, deed.units, sum.total)
    if (units < 1) continue
    const delta = units * rule.points
    sum.total += delta
    daily.set(dayKey, sum)
    if (objectKey !== null) rewarded.add(`${deed.userId}/${objectKey}`)
    deed.onAwarded?.(delta)
    ledger.push({
      user_id: deed.userId,
      rule: deed.rule,
      delta,
      object_type: deed.objectType,
      object_id: deed.objectId,
      object_key: objectKey,
      reason: deed.reason,
      day,
      created_at: deed.at,
    })
  }

  for (let i = 0; i < readings.length; i += CHUNK) {
    await trx
      .insertInto('material_reads')
      .values(readings.slice(i, i + CHUNK))
      .execute()
  }
  for (let i = 0; i < ledger.length; i += CHUNK) {
    await trx
      .insertInto('points_ledger')
      .values(ledger.slice(i, i + CHUNK))
      .execute()
  }
  const sums = [...daily.values()]
  for (let i = 0; i < sums.length; i += CHUNK) {
    await trx
      .insertInto('points_daily')
      .values(sums.slice(i, i + CHUNK))
      .execute()
  }
  return ledger.length > 0
}
