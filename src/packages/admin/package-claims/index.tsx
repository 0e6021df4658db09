import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { HealthPackage, PackageClaim } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { type ApiError, toApiError } from '@/services/api-error'
import * as healthPackages from '@/services/health-packages'
import { formatDateTime } from '@/utils/time'
import './index.scss'
import { ToolsGate } from '@/components/tools-gate'

function ClaimRow({ claim }: { claim: PackageClaim }) {
  const redeemed = claim.status === 'redeemed'
  return (
    <View className={`claim claim--${claim.status}`}>
      <View className="claim__main">
        <Text className="claim__name">{claim.member.name}</Text>
        <Text className="claim__company">{claim.member.company?.name ?? '—'}</Text>
        <Text className="claim__time">领取：{formatDateTime(claim.claimedAt)}</Text>
        {claim.redeemedAt ? (
          <Text className="claim__time">核销：{formatDateTime(claim.redeemedAt)}</Text>
        ) : null}
        <Text className="claim__code">取件码 {claim.code}</Text>
      </View>
      <Tag type={redeemed ? 'default' : 'primary'} className="claim__status">
        {redeemed ? '已核销' : '已领取'}
      </Tag>
    </View>
  )
}

function Claims({ id }: { id: number }) {
  const [batch, setBatch] = useState<HealthPackage | null>(null)
  const [claims, setClaims] = useState<PackageClaim[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    try {
      const [batches, list] = await Promise.all([healthPackages.list(), healthPackages.claims(id)])
      setBatch(batches.find((item) => item.id === id) ?? null)
      setClaims(list)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  const redeemed = claims.filter((claim) => claim.status === 'redeemed').length
  return (
    <PageShell
      className="claims-page"
      header={
        batch ? (
          <View className="claims-page__head">
            <View className="claims-page__summary">
              <Text className="claims-page__name">{batch.name}</Text>
              <Text className="claims-page__counts">
                {`共 ${batch.stock} 份 · 已领取 ${claims.length} 份 · 已核销 ${redeemed} 份 · 剩余 ${batch.remaining} 份`}
              </Text>
            </View>
          </View>
        ) : null
      }
      loading={loading}
      error={error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      empty={claims.length === 0}
      emptyText="还没有人领取"
      onRefresh={load}
    >
      <View className="claims-page__list">
        {claims.map((claim) => (
          <ClaimRow key={claim.code} claim={claim} />
        ))}
      </View>
    </PageShell>
  )
}

export default function ClaimsPage() {
  const router = useRouter()
  return (
    <ToolsGate need="park" denied="仅园区管理员可以查看领取记录">
      {() => <Claims id={Number(router?.params?.id)} />}
    </ToolsGate>
  )
}
