import Taro from '@tarojs/taro'

/** App-wide signals between pages that are alive at the same time (e.g. detail → home list). */
export const APP_EVENTS = {
  /** payload: the announcement id that was opened and is now read */
  announcementRead: 'announcement:read',
  /** payload: none; a new notice was published */
  announcementPublished: 'announcement:published',
} as const

export function emitAnnouncementRead(id: number) {
  Taro.eventCenter.trigger(APP_EVENTS.announcementRead, id)
}

export function emitAnnouncementPublished() {
  Taro.eventCenter.trigger(APP_EVENTS.announcementPublished)
}
