import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { HealthPackage } from '../../../../types/api'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { QrCode } from '@/components/qr-code'
import { cx } from '@/components/types'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as healthPackages from '@/services/health-packages'
import './index.scss'

function PickupCode({ packageId, codeFromRoute }: { packageId: number; codeFromRoute: string }) {
  const [batch, setBatch] = useState<HealthPackage | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(!codeFromRoute)

  const load = useCallback(async () => {
    try {
      const batches = await healthPackages.list()
      setBatch(batches.find((item) => item.id === packageId) ?? null)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [packageId])

  useEffect(() => {
    void load()
  }, [load])

  // The code from the claim shows at once; the server's record (and whether it was redeemed) follows.
  const code = batch?.myClaim?.code ?? codeFromRoute
  const redeemed = batch?.myClaim?.status === 'redeemed'

  return (
    <PageShell
      className="pickup-page"
      loading={loading}
      error={code ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {code ? (
        <View className="pickup-code">
          <Text className="pickup-code__batch">{batch?.name ?? '健康大礼包'}</Text>
          <Text className="pickup-code__label">取件码</Text>
          <Text className="pickup-code__text" selectable>
            {code}
          </Text>
          {/* Redeemed: the code is spent, and the QR says so at a glance (greyed, struck, stamped). */}
          <View className={cx('pickup-code__qr', redeemed && 'pickup-code__qr--void')}>
            <QrCode
              value={code}
              label={redeemed ? `取件码${code}已核销，二维码已作废` : `取件码二维码：${code}`}
            />
            {redeemed ? (
              <View className="pickup-code__void" aria-hidden="true">
                <Text className="pickup-code__stamp">已核销 · 作废</Text>
              </View>
            ) : null}
          </View>
          {redeemed ? (
            <Tag type="default" className="pickup-code__status">
              已核销
            </Tag>
          ) : (
            <Text className="pickup-code__hint">出示给园区工作人员核销</Text>
          )}
          {batch?.description ? <Text className="pickup-code__note">{batch.description}</Text> : null}
        </View>
      ) : (
        <EmptyState text="还没有领取这份大礼包" hint="在“我的”页面的健康大礼包卡片中领取" />
      )}
    </PageShell>
  )
}

export default function PickupPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const packageId = Number(router?.params?.id)
  const code = decodeURIComponent(router?.params?.code ?? '')
  return session ? <PickupCode packageId={packageId} codeFromRoute={code} /> : null
}
