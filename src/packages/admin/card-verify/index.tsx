import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { VerifiedCard } from '../../../../types/api'
import { CardScanner } from '@/components/card-scanner'
import { cx } from '@/components/types'
import * as cards from '@/services/cards'
import { useCareModeClass } from '@/stores/care-mode'
import { POLITICAL_STATUS_LABELS } from '@/utils/labels'
import { cardErrorHint, cardErrorMessage } from './messages'
import './index.scss'
import { ToolsGate } from '@/components/tools-gate'
import { PrivacyPopup } from '@/components/privacy-popup'

type Outcome = { ok: true; result: VerifiedCard } | { ok: false; message: string; hint?: string }

function Verify() {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const verify = async (payload: string) => {
    setBusy(true)
    try {
      const result = await cards.verify(payload)
      setOutcome({ ok: true, result })
      return true
    } catch (e) {
      setOutcome({ ok: false, message: cardErrorMessage(e), hint: cardErrorHint(e) })
      return false
    } finally {
      setBusy(false)
    }
  }

  const member = outcome?.ok ? outcome.result.member : null
  return (
    <>
      <CardScanner scanText="扫码核验" submitText="核验" busy={busy} onPayload={verify} />
      {outcome ? (
        <View
          className={cx(
            'card-verify__result',
            outcome.ok ? 'card-verify__result--ok' : 'card-verify__result--error',
          )}
          aria-live="polite"
        >
          {member ? (
            <>
              <Text className="card-verify__title">✓ 名片有效</Text>
              <Text className="card-verify__name">{member.name}</Text>
              <Text className="card-verify__line">
                政治面貌：
                <Text className="card-verify__status">{POLITICAL_STATUS_LABELS[member.politicalStatus]}</Text>
              </Text>
              <Text className="card-verify__line">所在支部：{member.branch?.name ?? '未加入支部'}</Text>
            </>
          ) : outcome.ok ? null : (
            <>
              <Text className="card-verify__title">✕ {outcome.message}</Text>
              {outcome.hint ? <Text className="card-verify__line">{outcome.hint}</Text> : null}
            </>
          )}
        </View>
      ) : (
        <Text className="card-verify__tip">请对方打开“我的 → 我的党员名片”，扫描或粘贴其二维码内容。</Text>
      )}
    </>
  )
}

export default function CardVerifyPage() {
  const careMode = useCareModeClass()
  return (
    <View className={cx('card-verify', careMode)}>
      <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以核验名片">
        {() => <Verify />}
      </ToolsGate>
      <PrivacyPopup />
    </View>
  )
}
