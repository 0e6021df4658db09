import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ApplicationSummary } from '../../../types/api'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { ROUTES } from '@/utils/routes'

export const openApplication = (id: number) =>
  Taro.navigateTo({ url: ROUTES.partyApplication(id) }).catch(() => undefined)

export function PipelineItem({ item, showBranch }: { item: ApplicationSummary; showBranch: boolean }) {
  const next = item.nextStep
  return (
    <View
      className={cx('party-item', 'pipeline-item', next?.overdue && 'party-item--overdue')}
      role="link"
      onClick={() => void openApplication(item.id)}
    >
      <View className="party-item__row">
        <Text className="party-item__name">{item.member.name}</Text>
        <Tag type="primary">{item.stageName}</Tag>
      </View>
      {showBranch ? <Text className="party-item__line">{item.branch.name}</Text> : null}
      <Text className="party-item__line">
        下一步：{next ? `${next.name}${next.level === 'committee' ? '(上级党委)' : ''}` : '已完成'}
      </Text>
      {next ? (
        <Text className={cx('party-item__line', next.overdue && 'party-next__due')}>
          {next.overdue
            ? `已逾期(应于 ${next.dueBy} 前)`
            : next.dueBy
              ? `须在 ${next.dueBy} 前`
              : `${next.earliestAt} 起可办理`}
        </Text>
      ) : null}
    </View>
  )
}
