import { Text, View } from '@tarojs/components'
import type { MeSummary } from '../../../types/api'
import { todayLabel } from '@/utils/points'

export interface PointsCardProps {
  /** From GET /api/me/summary; null until it answers. */
  summary: MeSummary['points'] | null
  /** From GET /api/me, shown until the points summary arrives. */
  fallbackTotal: number
  /** Opens 积分明细. */
  onOpen: () => void
}

/** 学习积分 on 我的: the server's total and today's gain, and the way to the history. */
export function PointsCard({ summary, fallbackTotal, onOpen }: PointsCardProps) {
  return (
    <View className="me-points" hoverClass="me-points--active" role="button" onClick={onOpen}>
      <View className="me-points__main">
        <Text className="me-points__label">学习积分</Text>
        <View className="me-points__value">
          <Text className="me-points__total">{summary ? summary.total : fallbackTotal}</Text>
          <Text className="me-points__unit">积分</Text>
          {summary ? <Text className="me-points__today">{todayLabel(summary.today)}</Text> : null}
        </View>
        <Text className="me-points__hint">阅读、学习、参加培训和活动都能获得积分</Text>
      </View>
      <Text className="me-points__link">
        积分明细
        <Text aria-hidden="true"> ›</Text>
      </Text>
    </View>
  )
}
