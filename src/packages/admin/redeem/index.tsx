import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import type { RedeemResult } from '../../../../types/api'
import { cx } from '@/components/types'
import * as healthPackages from '@/services/health-packages'
import { useCareModeClass } from '@/stores/care-mode'
import { redeemErrorMessage } from './messages'
import { PrivacyPopup } from '@/components/privacy-popup'
import { canScan, scanPickupCode } from './scan-code'
import './index.scss'
import { LIMITS } from '../../../../server/src/schemas/limits'
import { ToolsGate } from '@/components/tools-gate'

/** Codes are read aloud or typed: case, spaces and dashes do not matter. */
function normalise(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase()
}

type Outcome = { ok: true; result: RedeemResult } | { ok: false; code: string; message: string }

function Redeem() {
  // 关怀模式: this page has no page shell to carry the class.
  const careMode = useCareModeClass()
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const redeem = async (raw: string) => {
    const value = normalise(raw)
    if (busy) return
    if (value === '') {
      setOutcome({ ok: false, code: value, message: '请输入取件码' })
      return
    }
    setBusy(true)
    try {
      const result = await healthPackages.redeem(value)
      setOutcome({ ok: true, result })
      setCode('')
    } catch (e) {
      setOutcome({ ok: false, code: value, message: redeemErrorMessage(e) })
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const scanned = await scanPickupCode()
      setCode(normalise(scanned))
      await redeem(scanned)
    } catch {
      // Closing the scanner is not an error.
    }
  }

  return (
    <View className={cx('redeem-page', careMode)}>
      {canScan ? (
        <Button className="redeem-page__scan" onClick={scan}>
          扫码核销
        </Button>
      ) : null}
      <View className="redeem-page__field">
        <Text className="redeem-page__label">{canScan ? '或输入取件码' : '输入取件码'}</Text>
        <Input
          className="redeem-page__input"
          value={code}
          maxlength={LIMITS.pickupCode}
          placeholder="例如 AB3DEF7H"
          confirmType="done"
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
          onConfirm={() => void redeem(code)}
          aria-label="取件码"
        />
      </View>
      <Button className="redeem-page__submit" loading={busy} onClick={() => void redeem(code)}>
        核销
      </Button>
      {outcome ? (
        <View
          className={cx('redeem-result', outcome.ok ? 'redeem-result--ok' : 'redeem-result--error')}
          aria-live="polite"
        >
          {outcome.ok ? (
            <>
              <Text className="redeem-result__title">核销成功 · {outcome.result.member.name}</Text>
              <Text className="redeem-result__code">取件码 {outcome.result.code}</Text>
            </>
          ) : (
            <>
              <Text className="redeem-result__title">{outcome.message}</Text>
              {outcome.code ? <Text className="redeem-result__code">取件码 {outcome.code}</Text> : null}
            </>
          )}
        </View>
      ) : null}
      <PrivacyPopup />
    </View>
  )
}

export default function RedeemPage() {
  return (
    <ToolsGate need="park" denied="仅园区管理员可以核销取件码">
      {() => <Redeem />}
    </ToolsGate>
  )
}
