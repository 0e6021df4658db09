import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { HelpRequestSummary } from '../../../types/api'
import { Tag } from '@/components/tag'
import { ROUTES } from '@/utils/routes'
import { formatDateTime } from '@/utils/time'
import { STATUS_LABELS, timingLine } from './labels'

/** One request in a list: what, whose, where it stands and whether it is late. */
export function RequestCard({ item, showCompany }: { item: HelpRequestSummary; showCompany: boolean }) {
  const timing = timingLine(item.timing, item.status)
  return (
    <View
      className="help-card help-request-card"
      role="link"
      onClick={() => Taro.navigateTo({ url: ROUTES.helpDetail(item.id) }).catch(() => undefined)}
    >
      <View className="help-card__tags">
        {item.priority === 'high' ? (
          <Tag type="solid" className="help-card__priority">
            红色服务通道
          </Tag>
        ) : null}
        <Tag type="primary">{item.categoryName}</Tag>
        <Tag className={`help-status help-status--${item.status}`}>{STATUS_LABELS[item.status]}</Tag>
      </View>
      <Text className="help-card__title">{item.title}</Text>
      <Text className="help-card__line">
        {showCompany ? `${item.company.name} · ${item.requester.name} · ` : ''}
        {formatDateTime(item.createdAt)}
        {item.assignee ? ` · 负责人 ${item.assignee.name}` : ''}
      </Text>
      {timing.text ? (
        <Text className={timing.late ? 'help-card__due help-card__due--late' : 'help-card__due'}>
          {timing.text}
        </Text>
      ) : null}
    </View>
  )
}
