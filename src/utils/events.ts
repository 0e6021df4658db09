import Taro from '@tarojs/taro'
import type { Course, Event, HealthPackage } from '../../types/api'

/** App-wide signals between pages that are alive at the same time (e.g. detail → home list). */
export const APP_EVENTS = {
  /** payload: the announcement id that was opened and is now read */
  announcementRead: 'announcement:read',
  /** payload: none; a notice was published, edited, pinned or withdrawn: lists load again */
  announcementPublished: 'announcement:published',
  /** payload: the event as the server now shows it (my signup, counts) after an action on it */
  eventChanged: 'event:changed',
  /** payload: none; an event was published, edited or cancelled by its organiser */
  eventsEdited: 'events:edited',
  /** payload: the batch as it now stands for me (e.g. just claimed) */
  healthPackageChanged: 'health-package:changed',
  /** payload: the course as the server now shows it for me (e.g. just enrolled) */
  courseChanged: 'course:changed',
  /** payload: the FlushOutcome[] of queued offline sign-ins that got a definite answer */
  offlineCheckinsSettled: 'offline-checkins:settled',
} as const

export function emitAnnouncementRead(id: number) {
  Taro.eventCenter.trigger(APP_EVENTS.announcementRead, id)
}

export function emitAnnouncementPublished() {
  Taro.eventCenter.trigger(APP_EVENTS.announcementPublished)
}

export function emitEventChanged(event: Event) {
  Taro.eventCenter.trigger(APP_EVENTS.eventChanged, event)
}

export function emitEventsEdited() {
  Taro.eventCenter.trigger(APP_EVENTS.eventsEdited)
}

export function emitHealthPackageChanged(batch: HealthPackage) {
  Taro.eventCenter.trigger(APP_EVENTS.healthPackageChanged, batch)
}

export function emitCourseChanged(course: Course) {
  Taro.eventCenter.trigger(APP_EVENTS.courseChanged, course)
}
