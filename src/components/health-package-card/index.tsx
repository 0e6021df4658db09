import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import type { ReactNode } from 'react'
import type { HealthPackage } from '../../../types/api'
import { cardState, PACKAGE_STATE_LABELS } from '@/utils/health-package'
import { formatDateTime } from '@/utils/time'
import { Tag } from '../tag'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface HealthPackageCardProps extends BasicComponent {
  /** The batch as the server shows it to me (its status, my eligibility and claim). */
  batch: HealthPackage
  /** 领取 was tapped. */
  onClaim?: (batch: HealthPackage) => void
  /** 查看取件码 was tapped (after a claim). */
  onShowCode?: (batch: HealthPackage, code: string) => void
  /** A claim is on its way: the button shows it and ignores taps. */
  claiming?: boolean
}

/**
 * 健康大礼包 under 我的: the batch, stock left, the claim window and where I stand as the server says —
 * 领取, 已领取 (with the pickup code a tap away), 已核销, 已抢完, 未开始, 已结束 — or why I am not eligible.
 */
export function HealthPackageCard({
  batch,
  onClaim,
  onShowCode,
  claiming,
  className,
  style,
}: HealthPackageCardProps) {
  const state = cardState(batch)
  const stateText =
    state.kind === 'claimable'
      ? null
      : state.kind === 'ineligible'
        ? state.reason
        : PACKAGE_STATE_LABELS[state.kind]

  let action: ReactNode = null
  if (state.kind === 'claimable') {
    action = (
      <Button
        className="health-package-card__action health-package-card__action--claim"
        loading={claiming}
        onClick={() => {
          if (!claiming) onClaim?.(batch)
        }}
      >
        领取
      </Button>
    )
  } else if (state.kind === 'claimed' || state.kind === 'redeemed') {
    action = (
      <Button
        className="health-package-card__action health-package-card__action--code"
        onClick={() => onShowCode?.(batch, state.code)}
      >
        查看取件码
      </Button>
    )
  }

  return (
    <View
      className={cx('health-package-card', `health-package-card--${state.kind}`, className)}
      style={style}
    >
      <View className="health-package-card__head">
        <Text className="health-package-card__title">健康大礼包</Text>
        <Tag type="gold">党员CEO专享</Tag>
      </View>
      <Text className="health-package-card__name">{batch.name}</Text>
      {batch.description ? (
        <Text className="health-package-card__description">{batch.description}</Text>
      ) : null}
      <View className="health-package-card__facts">
        <Text className="health-package-card__stock">
          剩余 {batch.remaining} / 共 {batch.stock} 份
        </Text>
        <Text className="health-package-card__window">
          领取时间：{formatDateTime(batch.claimStart)} 至 {formatDateTime(batch.claimEnd)}
        </Text>
      </View>
      {stateText || action ? (
        <View className={cx('health-package-card__foot', !stateText && 'health-package-card__foot--solo')}>
          {stateText ? (
            <Text
              className={cx(
                'health-package-card__state',
                `health-package-card__state--${state.kind}`,
                state.kind === 'ineligible' && 'health-package-card__reason',
              )}
            >
              {stateText}
            </Text>
          ) : null}
          {action}
        </View>
      ) : null}
    </View>
  )
}

export default HealthPackageCard
