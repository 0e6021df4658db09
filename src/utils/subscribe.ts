import Taro from '@tarojs/taro'
import type { SubscriptionTemplates, TemplateKey } from '../../types/api'
import * as notifications from '@/services/notifications'

/*
 * WeChat subscribe messages (订阅消息): one-time permissions, one message each. The phone asks at
 * the moments a member wants to hear back (signing up, joining a waitlist, enrolling) and tells the
 * server what was accepted. WeChat shows its prompt only from a tap, so the templates are fetched
 * beforehand (`prepareSubscribe`) and the prompt is opened first thing in the tap handler.
 */

/** What each moment asks for: at most three templates, WeChat's limit for one prompt. */
export const SUBSCRIBE_MOMENTS = {
  eventSignup: ['event_reminder', 'event_change'],
  eventWaitlist: ['waitlist', 'event_change', 'event_reminder'],
  courseEnrol: ['session_reminder'],
} as const satisfies Record<string, readonly TemplateKey[]>

export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

let templates: SubscriptionTemplates['templates'] | null = null
let loading: Promise<void> | null = null

const canSubscribe = () =>
  process.env.TARO_ENV === 'weapp' && typeof Taro.requestSubscribeMessage === 'function'

/** Fetches the configured templates once per app run (nothing on H5, where WeChat cannot send). */
export function prepareSubscribe(): Promise<void> {
  if (!canSubscribe() || templates) return Promise.resolve()
  loading ??= notifications
    .subscriptionTemplates()
    .then((answer) => {
      templates = answer.templates
    })
    .catch(() => {
      loading = null
    })
  return loading
}

/** Forgets the templates (tests, or after signing out). */
export function resetSubscribe(): void {
  templates = null
  loading = null
}

/**
 * Opens WeChat's prompt for the moment's templates and reports the accepted ones to the server.
 * Call it synchronously from the tap; it never throws and never holds up what the tap does.
 * Resolves with the accepted template ids.
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<string[]> {
  if (!canSubscribe() || !templates) return Promise.resolve([])
  const wanted: readonly TemplateKey[] = SUBSCRIBE_MOMENTS[moment]
  const ids = templates
    .filter((template) => wanted.includes(template.key))
    .map((template) => template.templateId)
  if (ids.length === 0) return Promise.resolve([])
  return new Promise<string[]>((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds: ids,
      // Typed as entityIds in some typings; WeChat itself reads tmplIds.
      entityIds: [],
      success: (result) => {
        const answers = result as unknown as Record<string, string>
        const accepted = ids.filter((id) => answers[id] === 'accept')
        resolve(accepted)
        if (accepted.length > 0) notifications.acceptSubscriptions(accepted).catch(() => undefined)
      },
      fail: () => resolve([]),
    } as Parameters<typeof Taro.requestSubscribeMessage>[0])
  })
}
