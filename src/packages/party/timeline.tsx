import { Text, View } from '@tarojs/components'
import type { Application, NextStep } from '../../../types/api'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'

/** The five stages, the steps of each with the days they were done. */
export function Timeline({ stages }: { stages: Application['stages'] }) {
  return (
    <View className="party-timeline">
      {stages.map((stage) => (
        <View
          key={stage.stage}
          className={cx(
            'party-timeline__stage',
            `party-timeline__stage--${stage.stage}`,
            stage.reachedOn !== null && 'party-timeline__stage--reached',
            stage.current && 'party-timeline__stage--current',
          )}
        >
          <View className="party-timeline__head">
            <View className="party-timeline__dot" aria-hidden="true" />
            <Text className="party-timeline__name">{stage.name}</Text>
            <Text className="party-timeline__date">{stage.reachedOn ?? '未开始'}</Text>
          </View>
          <View className="party-timeline__steps">
            {stage.steps.map((step) => (
              <View
                key={step.code}
                className={cx('party-timeline__step', step.dates.length > 0 && 'party-timeline__step--done')}
              >
                <Text className="party-timeline__step-name">
                  {step.dates.length > 0 ? '✓ ' : '○ '}
                  {step.name}
                  {step.level === 'committee' ? '(上级党委)' : ''}
                </Text>
                <Text className="party-timeline__step-date">{step.dates.join('、')}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

/** What comes next, from when and by when, as the server says. */
export function NextStepCard({ next }: { next: NextStep | null }) {
  if (!next) {
    return (
      <View className="party-next party-next--done">
        <Text className="party-next__title">全部步骤已完成</Text>
      </View>
    )
  }
  return (
    <View className={cx('party-next', next.overdue && 'party-next--overdue')}>
      <View className="party-next__row">
        <Text className="party-next__label">下一步</Text>
        {next.overdue ? <Tag type="solid">已逾期</Tag> : next.dueBy ? <Tag type="gold">待办</Tag> : null}
      </View>
      <Text className="party-next__title">
        {next.name}
        {next.level === 'committee' ? '(上级党委办理)' : ''}
      </Text>
      <Text className="party-next__line">最早 {next.earliestAt} 起可办理</Text>
      {next.dueBy ? <Text className="party-next__line party-next__due">须在 {next.dueBy} 前完成</Text> : null}
    </View>
  )
}
