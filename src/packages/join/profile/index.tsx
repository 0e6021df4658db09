import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { LoginResult, Me, NamedRef } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import * as org from '@/services/org'
import { saveSession, updateUser, type Session } from '@/stores/session'
import { inviteCodeFrom, joiningOf, joinStateOf } from '@/utils/join'
import { ROUTES } from '@/utils/routes'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import { PhoneBind } from './phone-bind'
import { canScanInvite, scanInvite } from './scan-invite'
import './index.scss'

const INVITE_MESSAGES: Record<string, string> = {
  INVITE_INVALID: '邀请码无效或已过期，请向支部书记重新获取',
  NOT_ON_ROSTER: '名册中没有找到你，请申请加入支部',
  ALREADY_BOUND: '这个名册成员已绑定其他微信账号，请联系支部书记',
}

function goHome() {
  Taro.switchTab({ url: ROUTES.home }).catch(() => undefined)
}

/** The server has put this account on the roster: keep the new session and go to 首页. */
function joined({ token, user }: LoginResult) {
  saveSession(token, user)
  toastSuccess(user.branch ? '已加入支部' : '绑定成功')
  setTimeout(goHome, 1500)
}

function InviteOption({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode)
  const [busy, setBusy] = useState(false)

  const submit = async (value = code) => {
    const inviteCode = value.trim()
    if (!inviteCode) return toastInfo('请输入邀请码')
    if (busy) return
    setBusy(true)
    try {
      joined(await org.bind({ inviteCode }))
    } catch (e) {
      const error = toApiError(e)
      toastInfo(INVITE_MESSAGES[error.code] ?? error.message)
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    const text = await scanInvite()
    if (text === null) return
    const scanned = inviteCodeFrom(text)
    if (!scanned) return toastInfo('这不是红e园区的邀请二维码')
    setCode(scanned)
    await submit(scanned)
  }

  return (
    <View className="join-option join-option--invite">
      <Text className="join-option__title">邀请码</Text>
      <Text className="join-option__text">输入支部书记发给你的 8 位邀请码，或扫描邀请二维码。</Text>
      <Input
        className="join-option__input join-option__invite-code"
        value={code}
        maxlength={8}
        placeholder="8位邀请码"
        onInput={(event) => setCode(event.detail.value)}
        aria-label="邀请码"
      />
      <View className="join-option__buttons">
        <Button className="join-option__primary" loading={busy} onClick={() => void submit()}>
          使用邀请码加入
        </Button>
        {canScanInvite ? (
          <Button className="join-option__secondary" onClick={() => void scan()}>
            扫描邀请二维码
          </Button>
        ) : null}
      </View>
    </View>
  )
}

/** One company and the branch covering it: what someone asking to join picks. */
interface Choice {
  company: NamedRef
  branch: NamedRef
}

function JoinRequestOption({ user, onSent }: { user: Me; onSent: () => void }) {
  const [choices, setChoices] = useState<Choice[] | null>(null)
  const [failed, setFailed] = useState(false)
  const [index, setIndex] = useState(-1)
  const [name, setName] = useState(user.name)
  const [phone, setPhone] = useState(joiningOf(user).phone ?? '')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setFailed(false)
    try {
      const branches = await org.branches()
      setChoices(
        branches.flatMap((branch) =>
          branch.companies.map((company) => ({ company, branch: { id: branch.id, name: branch.name } })),
        ),
      )
    } catch {
      setFailed(true)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const chosen = choices && index >= 0 ? choices[index] : null
  const labels = useMemo(
    () =>
      (choices ?? []).map(({ company, branch }) =>
        company.name === branch.name ? company.name : `${company.name}（${branch.name}）`,
      ),
    [choices],
  )

  const submit = async () => {
    if (busy) return
    if (!chosen) return toastInfo('请选择所在企业')
    if (!name.trim()) return toastInfo('请填写姓名')
    if (!/^1\d{10}$/.test(phone.trim())) return toastInfo('请填写11位手机号')
    setBusy(true)
    try {
      await org.requestToJoin({
        companyId: chosen.company.id,
        branchId: chosen.branch.id,
        name: name.trim(),
        phone: phone.trim(),
        note: note.trim() || undefined,
      })
      toastSuccess('申请已提交')
      onSent()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_PENDING') onSent()
      else toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="join-option join-option--request">
      <Text className="join-option__title">申请加入支部</Text>
      <Text className="join-option__text">名册中还没有你？选择所在企业和支部，由支部书记审核。</Text>
      {failed ? (
        <Text className="join-option__retry" onClick={() => void load()}>
          企业列表加载失败，点此重试
        </Text>
      ) : null}
      <Text className="join-option__label">所在企业</Text>
      <Picker
        mode="selector"
        range={labels}
        value={Math.max(index, 0)}
        onChange={(e) => setIndex(Number(e.detail.value))}
      >
        <View className="join-option__picker join-option__company">
          <Text>{chosen ? chosen.company.name : choices ? '请选择企业' : '正在加载企业…'}</Text>
          <Text aria-hidden="true">›</Text>
        </View>
      </Picker>
      <Text className="join-option__label">加入支部</Text>
      <Text className="join-option__fixed join-option__branch">
        {chosen ? chosen.branch.name : '选择企业后显示所属支部'}
      </Text>
      <Text className="join-option__label">姓名</Text>
      <Input
        className="join-option__input join-option__name"
        value={name}
        maxlength={20}
        placeholder="真实姓名"
        onInput={(event) => setName(event.detail.value)}
        aria-label="姓名"
      />
      <Text className="join-option__label">手机号</Text>
      <Input
        className="join-option__input join-option__phone"
        type="number"
        value={phone}
        maxlength={11}
        placeholder="11位手机号"
        onInput={(event) => setPhone(event.detail.value)}
        aria-label="手机号"
      />
      <Text className="join-option__label">备注（选填）</Text>
      <Textarea
        className="join-option__textarea join-option__note"
        value={note}
        maxlength={200}
        placeholder="例如：入职时间、部门，方便书记核实"
        onInput={(event) => setNote(event.detail.value)}
        aria-label="备注"
      />
      <Button className="join-option__primary" loading={busy} onClick={() => void submit()}>
        提交申请
      </Button>
    </View>
  )
}

function Pending({ user }: { user: Me }) {
  const request = joiningOf(user).joinRequest
  return (
    <View className="join-status join-status--pending">
      <Text className="join-status__title">申请审核中</Text>
      <Text className="join-status__text">
        {request?.branch ? `你申请加入${request.branch.name}，` : ''}
        支部书记审核通过后，你就能看到本支部的通知和活动。审核期间可以先浏览园区的通知和活动。
      </Text>
      <Button className="join-option__secondary" onClick={goHome}>
        先去首页看看
      </Button>
    </View>
  )
}

function Profile({ session }: { session: Session }) {
  const router = useRouter()
  const invite = inviteCodeFrom(decodeURIComponent(router?.params?.invite ?? '')) ?? ''
  const [user, setUser] = useState<Me | null>(session.user)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  // The server's 201 { status: "pending" } to the request just sent, until GET /api/me says so too.
  const [sent, setSent] = useState(false)

  const load = useCallback(async () => {
    try {
      const answer = await auth.me()
      updateUser(answer)
      setUser(answer)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const known = joinStateOf(user)
  const state = (known === 'new' || known === 'rejected') && sent ? 'pending' : known
  return (
    <PageShell
      className="join-profile"
      loading={loading && !user}
      error={user ? null : error}
      onRetry={() => void load()}
      onRefresh={load}
    >
      {user && state === 'member' ? (
        <View className="join-status join-status--member">
          <Text className="join-status__title">你已在园区名册中</Text>
          <Text className="join-status__text">
            {user.branch ? `所在支部：${user.branch.name}` : '你的信息已由园区登记。'}
          </Text>
          <Button className="join-option__secondary" onClick={goHome}>
            返回首页
          </Button>
        </View>
      ) : null}
      {user && state === 'pending' ? <Pending user={user} /> : null}
      {user && (state === 'new' || state === 'rejected') ? (
        <>
          {state === 'rejected' ? (
            <View className="join-status join-status--rejected">
              <Text className="join-status__title">入支部申请未通过</Text>
              <Text className="join-status__text">
                {joiningOf(user).joinRequest?.branch.name ?? '支部'}书记的说明：
                {joiningOf(user).joinRequest?.reason ?? '—'}
              </Text>
              <Text className="join-status__text">你可以核对信息后重新申请，或使用邀请码。</Text>
            </View>
          ) : null}
          <View className="join-profile__intro">
            <Text className="join-profile__heading">加入你所在的支部</Text>
            <Text className="join-profile__hint">
              完善信息后可以查看本支部的通知、活动和学习。未加入前只能浏览园区公开的通知和活动。
            </Text>
            <Text
              className="join-profile__privacy"
              onClick={() => Taro.navigateTo({ url: ROUTES.privacy }).catch(() => undefined)}
            >
              我们如何使用你的信息：《隐私政策》
            </Text>
          </View>
          <PhoneBind onBound={joined} />
          <InviteOption initialCode={invite} />
          <JoinRequestOption
            user={user}
            onSent={() => {
              setSent(true)
              void load()
            }}
          />
        </>
      ) : null}
    </PageShell>
  )
}

export default function JoinProfilePage() {
  const session = useAuthGuard()
  return session ? <Profile session={session} /> : null
}
