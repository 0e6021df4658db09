import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react'
import type { HealthPackage } from '../../../types/api'
import { HealthPackageCard } from '@/components/health-package-card'
import { ApiError } from '@/services/api-error'
import * as healthPackages from '@/services/health-packages'
import { currentBatch } from '@/utils/health-package'
import { ROUTES } from '@/utils/routes'
import { toastError } from '@/utils/toast'

export interface HealthPackageSectionHandle {
  reload: () => Promise<void>
}

function showCode(batch: HealthPackage, code: string) {
  Taro.navigateTo({ url: ROUTES.pickup(batch.id, code) }).catch(() => undefined)
}

/** The 健康大礼包 card of 我的: loads the batches, shows the current one, claims it. */
export const HealthPackageSection = forwardRef<HealthPackageSectionHandle>(
  function HealthPackageSection(_props, ref) {
    const [batch, setBatch] = useState<HealthPackage | null>(null)
    const [failed, setFailed] = useState(false)
    const [claiming, setClaiming] = useState(false)
    const fetchedAt = useRef(0)

    const load = useCallback(async () => {
      fetchedAt.current = Date.now()
      try {
        setBatch(currentBatch(await healthPackages.list()))
        setFailed(false)
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return
        setFailed(true)
      }
    }, [])

    useImperativeHandle(ref, () => ({ reload: load }), [load])
    useEffect(() => {
      void load()
    }, [load])
    useDidShow(() => {
      // Stock moves while the tab is hidden, and a code may have been redeemed meanwhile.
      if (Date.now() - fetchedAt.current > 1500) void load()
    })

    const claim = async (target: HealthPackage) => {
      if (claiming) return
      setClaiming(true)
      try {
        const result = await healthPackages.claim(target.id)
        // The code is mine from this moment: show it at once, then the new stock.
        setBatch((current) =>
          current && current.id === target.id
            ? {
                ...current,
                myClaim: { code: result.code, status: result.status },
                remaining: Math.max(0, current.remaining - 1),
              }
            : current,
        )
        showCode(target, result.code)
        void load()
      } catch (e) {
        toastError(e)
        if (e instanceof ApiError && e.code === 'OUT_OF_STOCK') {
          setBatch((current) =>
            current && current.id === target.id ? { ...current, remaining: 0 } : current,
          )
        }
        if (e instanceof ApiError && e.status > 0 && e.status < 500) void load()
      } finally {
        setClaiming(false)
      }
    }

    if (failed && !batch) {
      return (
        <View className="health-package-card health-package-card--failed" onClick={() => void load()}>
          <Text className="health-package-card__title">健康大礼包</Text>
          <Text className="health-package-card__description">加载失败，点此重试</Text>
        </View>
      )
    }
    if (!batch) return null
    return <HealthPackageCard batch={batch} claiming={claiming} onClaim={claim} onShowCode={showCode} />
  },
)
