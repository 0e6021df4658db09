import type { Migration } from 'kysely'
import * as initial from './0001_initial'
import * as eventsHealth from './0002_events_health'
import * as courses from './0003_courses'
import * as points from './0004_points'
import * as hardening from './0005_hardening'
import * as checkinPending from './0006_checkin_pending'
import * as organisation from './0007_organisation'
import * as organisers from './0008_organisers'
import * as notifications from './0009_notifications'
import * as eventAttendanceUndo from './0010_event_attendance_undo'
import * as applications from './0011_applications'
import * as helpRequests from './0012_help_requests'
import * as parkStats from './0013_park_stats'
import * as userVersion from './0014_user_version'
import * as helpPhotos from './0015_help_photos'
import * as eventVersion from './0016_event_version'

/** Every migration, keyed by name; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_events_health': eventsHealth,
  '0003_courses': courses,
  '0004_points': points,
  '0005_hardening': hardening,
  '0006_checkin_pending': checkinPending,
  '0007_organisation': organisation,
  '0008_organisers': organisers,
  '0009_notifications': notifications,
  '0010_event_attendance_undo': eventAttendanceUndo,
  '0011_applications': applications,
  '0012_help_requests': helpRequests,
  '0013_park_stats': parkStats,
  '0014_user_version': userVersion,
  '0015_help_photos': helpPhotos,
  '0016_event_version': eventVersion,
}
