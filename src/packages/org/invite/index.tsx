import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { QrCode } from '@/components/qr-code'
import { ToolsGate } from '@/components/tools-gate'
import { type ApiError, toApiError } from '@/services/api-error'
import * as org from '@/services/org'
import type { Invite, Member } from '@/services/org'
import { inviteLink } from '@/utils/join'
import { formatFullDateTime } from '@/utils/time'
import '../shared/org.scss'
import './index.scss'

/** A one-time invite for a roster member not yet bound: the code and a QR any phone camera can open. */
function InviteCard({ memberId }: { memberId: number }) {
  const [member, setMember] = useState<Member | null>(null)
  const [invite, setInvite] = useState<Invite | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  const issue = useCallback(async () => {
    setBusy(true)
    try {
      const [found, issued] = await Promise.all([org.member(memberId), org.invite(memberId)])
      setMember(found)
      setInvite(issued)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }, [memberId])
  useEffect(() => {
    void issue()
  }, [issue])

  return (
    <PageShell
      className="org-page member-invite"
      loading={!invite && !error}
      error={invite ? null : error}
      onRetry={() => void issue()}
    >
      {invite ? (
        <View className="member-invite__card org-column">
          <Text className="member-invite__who">邀请 {member?.name ?? ''} 加入</Text>
          <Text className="member-invite__code">邀请码 {invite.code}</Text>
          <QrCode
            className="member-invite__qr"
            value={inviteLink(invite.code)}
            label={`邀请码 ${invite.code}`}
          />
          <Text className="member-invite__hint">
            请本人用微信扫码，或打开红e园区 → 完善信息 → 输入邀请码。邀请码只能使用一次，
            {formatFullDateTime(invite.expiresAt)}前有效。
          </Text>
          <Button className="org-form__secondary" loading={busy} onClick={() => void issue()}>
            重新生成
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}

export default function MemberInvitePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以邀请成员">
      {() => <InviteCard memberId={id} />}
    </ToolsGate>
  )
}
