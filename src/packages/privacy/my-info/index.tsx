import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { Me, MeSummary } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import * as me from '@/services/me'
import { updateUser } from '@/stores/session'
import { joiningOf } from '@/utils/join'
import { POLITICAL_STATUS_LABELS, ROLE_LABELS } from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import { formatFullDateTime } from '@/utils/time'
import './index.scss'

const JOIN_LABELS = { pending: '审核中', approved: '已通过', rejected: '未通过' } as const

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="my-info__row">
      <Text className="my-info__label">{label}</Text>
      <Text className="my-info__value">{value}</Text>
    </View>
  )
}

/** Everything the park keeps about me, as the server answers it (GET /api/me and /api/me/summary). */
function MyInfo() {
  const [user, setUser] = useState<Me | null>(null)
  const [summary, setSummary] = useState<MeSummary | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const load = useCallback(async () => {
    try {
      const [profile, mine] = await Promise.all([auth.me(), me.summary().catch(() => null)])
      updateUser(profile)
      setUser(profile)
      setSummary(mine)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const joining = joiningOf(user)
  return (
    <PageShell
      className="my-info"
      loading={!user && !error}
      error={user ? null : error}
      onRetry={() => void load()}
      onRefresh={load}
    >
      {user ? (
        <>
          <View className="my-info__section">
            <Text className="my-info__heading">身份信息</Text>
            <Row label="姓名" value={user.name} />
            <Row label="手机号" value={joining.phone ?? '未登记'} />
            <Row label="所在企业" value={user.company?.name ?? '未登记'} />
            <Row label="所在支部" value={user.branch?.name ?? '未加入支部'} />
            <Row label="政治面貌" value={POLITICAL_STATUS_LABELS[user.politicalStatus]} />
            <Row
              label="园区角色"
              value={user.roles.map((role) => ROLE_LABELS[role]).join('、') || '尚未加入名册'}
            />
            <Row label="企业CEO" value={user.isCeo ? '是' : '否'} />
          </View>
          {joining.joinRequest ? (
            <View className="my-info__section">
              <Text className="my-info__heading">入支部申请</Text>
              <Row
                label="申请加入"
                value={`${joining.joinRequest.branch.name}（${joining.joinRequest.company.name}）`}
              />
              <Row label="状态" value={JOIN_LABELS[joining.joinRequest.status]} />
              <Row label="提交时间" value={formatFullDateTime(joining.joinRequest.createdAt)} />
              {joining.joinRequest.reason ? (
                <Row label="书记的说明" value={joining.joinRequest.reason} />
              ) : null}
            </View>
          ) : null}
          <View className="my-info__section">
            <Text className="my-info__heading">参与记录</Text>
            <Row label="学习积分" value={`${summary?.points.total ?? user.points.total} 积分`} />
            {summary ? (
              <>
                <Row
                  label="活动报名"
                  value={`已报名 ${summary.signups.confirmed} · 候补 ${summary.signups.waitlisted}`}
                />
                <Row label="课程" value={`已报名 ${summary.courses.enrolled} 门`} />
              </>
            ) : null}
            <Text
              className="my-info__link"
              onClick={() => Taro.navigateTo({ url: ROUTES.points }).catch(() => undefined)}
            >
              积分明细 ›
            </Text>
          </View>
          <View className="my-info__section">
            <Text className="my-info__note">
              以上是园区保存的你的全部信息。手机号只有你本人、你所在支部的书记和园区管理员能看到完整号码。信息有误请联系支部书记更正。
            </Text>
            <Text
              className="my-info__link"
              onClick={() => Taro.navigateTo({ url: ROUTES.privacy }).catch(() => undefined)}
            >
              隐私政策 ›
            </Text>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

export default function MyInfoPage() {
  const session = useAuthGuard()
  return session ? <MyInfo /> : null
}
