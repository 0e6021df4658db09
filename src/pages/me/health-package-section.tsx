import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { HealthPackage } from '../../../types/api'
import { HealthPackageCard } from '@/components/health-package-card'
import { ApiError } from '@/services/api-error'
import * as healthPackages from '@/services/health-packages'
import { ROUTES } from '@/utils/routes'
import { toastError } from '@/utils/toast'

export interface HealthPackageSectionProps {
  /** The batch the server picked for 我的 (GET /api/me/summary), or null for none. */
  batch: HealthPackage | null
  /** Something changed on the server (a claim, or stock gone): ask it again. */
  onChanged: () => void
}

function showCode(batch: HealthPackage, code: string) {
  Taro.navigateTo({ url: ROUTES.pickup(batch.id, code) }).catch(() => undefined)
}

/** The 健康大礼包 card of 我的: shows the server's batch and claims it. */
export function HealthPackageSection({ batch, onChanged }: HealthPackageSectionProps) {
  const [claiming, setClaiming] = useState(false)
  // The code is mine from the moment the server answers: shown at once, then the summary catches up.
  const [claimed, setClaimed] = useState<{ id: number; code: string } | null>(null)
  if (!batch) return null
  const shown: HealthPackage =
    claimed && claimed.id === batch.id && !batch.myClaim
      ? { ...batch, myClaim: { code: claimed.code, status: 'claimed' } }
      : batch

  const claim = async (target: HealthPackage) => {
    if (claiming) return
    setClaiming(true)
    try {
      const result = await healthPackages.claim(target.id)
      setClaimed({ id: target.id, code: result.code })
      showCode(target, result.code)
      onChanged()
    } catch (e) {
      toastError(e)
      if (e instanceof ApiError && e.status > 0 && e.status < 500) onChanged()
    } finally {
      setClaiming(false)
    }
  }

  return <HealthPackageCard batch={shown} claiming={claiming} onClaim={claim} onShowCode={showCode} />
}
