import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { HealthPackage } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { type ApiError, toApiError } from '@/services/api-error'
import * as healthPackages from '@/services/health-packages'
import { ROUTES } from '@/utils/routes'
import { formatDateTime } from '@/utils/time'
import './index.scss'
import { ToolsGate } from '@/components/tools-gate'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

function Batches() {
  const [batches, setBatches] = useState<HealthPackage[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    try {
      setBatches(await healthPackages.list())
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

  return (
    <PageShell
      className="batches"
      header={
        <View className="batches__tools">
          <Button className="batches__tool batches__redeem" onClick={() => go(ROUTES.redeem)}>
            核销取件码
          </Button>
          <Button className="batches__tool batches__new" onClick={() => go(ROUTES.packageNew)}>
            新建大礼包批次
          </Button>
        </View>
      }
      loading={loading}
      error={error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      empty={batches.length === 0}
      emptyText="还没有大礼包批次"
      onRefresh={load}
    >
      {batches.map((batch) => (
        <View
          key={batch.id}
          className="batch"
          hoverClass="batch--active"
          onClick={() => go(ROUTES.packageClaims(batch.id))}
        >
          <Text className="batch__name">{batch.name}</Text>
          <Text className="batch__stock">
            剩余 {batch.remaining} / 共 {batch.stock} 份 · 已领取 {batch.stock - batch.remaining} 份
          </Text>
          <Text className="batch__window">
            {formatDateTime(batch.claimStart)} 至 {formatDateTime(batch.claimEnd)}
          </Text>
          <Text className="batch__link">领取记录 ›</Text>
        </View>
      ))}
    </PageShell>
  )
}

export default function BatchesPage() {
  return (
    <ToolsGate need="park" denied="仅园区管理员可以管理健康大礼包">
      {() => <Batches />}
    </ToolsGate>
  )
}
