import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import type { EventCheckinResult } from '../../../../types/api'
import { CardScanner } from '@/components/card-scanner'
import { canPaste, canScan, scanCardPayload } from '@/components/card-scanner/scan'
import { cx } from '@/components/types'
import { ApiError } from '@/services/api-error'
import * as cards from '@/services/cards'
import { toastInfo } from '@/utils/toast'
import { cardErrorMessage } from '../card-verify/messages'

/** What the organiser at the door is told when a card does not check its owner in. */
export function doorCheckinErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ALREADY_CHECKED_IN') return '该成员已签到，无需重复签到'
  // 422 for a member without a confirmed signup: the server's message names the reason.
  return cardErrorMessage(error)
}

type Outcome = { ok: true; result: EventCheckinResult } | { ok: false; message: string }

export interface DoorCheckinProps {
  eventId: number
  /** After a check-in: the list shows the new 签到 time. */
  onCheckedIn: () => void
}

/**
 * 扫码签到 at the event door: the organiser scans a member's card (or pastes it in the browser);
 * the member is checked in and earns the event's points on the server.
 */
export function DoorCheckin({ eventId, onCheckedIn }: DoorCheckinProps) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const checkIn = async (payload: string) => {
    setBusy(true)
    try {
      const result = await cards.checkInAtEvent(eventId, payload)
      setOutcome({ ok: true, result })
      toastInfo(`签到成功 · ${result.member.name}`)
      onCheckedIn()
      return true
    } catch (e) {
      setOutcome({ ok: false, message: doorCheckinErrorMessage(e) })
      return false
    } finally {
      setBusy(false)
    }
  }

  const start = async () => {
    if (!canScan) {
      setOpen((current) => !current)
      return
    }
    if (busy) return
    try {
      const payload = await scanCardPayload()
      await checkIn(payload)
    } catch {
      // Closing the scanner is not an error.
    }
  }

  return (
    <View className="door-checkin">
      <Button className="door-checkin__start" loading={busy && canScan} onClick={() => void start()}>
        扫码签到
      </Button>
      {canScan && canPaste ? (
        <Button className="door-checkin__paste" onClick={() => setOpen((current) => !current)}>
          {open ? '收起粘贴框' : '没有相机？粘贴名片内容'}
        </Button>
      ) : null}
      {open ? (
        <CardScanner
          className="door-checkin__scanner"
          scanText="扫描名片签到"
          submitText="签到"
          busy={busy}
          showScan={false}
          onPayload={checkIn}
        />
      ) : null}
      {outcome ? (
        <View
          className={cx(
            'door-checkin__result',
            outcome.ok ? 'door-checkin__result--ok' : 'door-checkin__result--error',
          )}
          aria-live="polite"
        >
          {outcome.ok ? (
            <>
              <Text className="door-checkin__title">签到成功 · {outcome.result.member.name}</Text>
              <Text className="door-checkin__line">
                {outcome.result.member.branch?.name ?? '未加入支部'}
                {outcome.result.pointsAwarded > 0 ? ` · 获得 ${outcome.result.pointsAwarded} 积分` : ''}
              </Text>
            </>
          ) : (
            <Text className="door-checkin__title">签到失败：{outcome.message}</Text>
          )}
        </View>
      ) : null}
    </View>
  )
}
