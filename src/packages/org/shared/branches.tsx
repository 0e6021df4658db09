import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { Tag } from '@/components/tag'
import type { Branch } from '@/services/org'
import { ROUTES } from '@/utils/routes'
import { BRANCH_KIND_LABELS } from './labels'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

export function BranchList({ branches }: { branches: Branch[] }) {
  return (
    <View>
      <View className="org-toolbar org-toolbar--actions">
        <Button className="org-toolbar__primary" onClick={() => go(ROUTES.branchEdit())}>
          新建支部
        </Button>
      </View>
      {branches.length === 0 ? (
        <Text className="org-list__footer">还没有支部</Text>
      ) : (
        <View className="org-table">
          {branches.map((branch) => (
            <View
              key={branch.id}
              className="org-row branch-row"
              hoverClass="org-row--active"
              onClick={() => go(ROUTES.branchEdit(branch.id))}
              aria-label={`编辑${branch.name}`}
            >
              <View className="org-row__main">
                <View className="org-row__top">
                  <Text className="org-row__name">{branch.name}</Text>
                  <Tag type="primary">{BRANCH_KIND_LABELS[branch.kind]}</Tag>
                </View>
                <Text className="org-row__cells">
                  <Text className="org-row__cell">书记：{branch.secretary?.name ?? '未设置'}</Text>
                  <Text className="org-row__cell">成员 {branch.memberCount} 人</Text>
                  <Text className="org-row__cell">
                    {branch.companies.map((company) => company.name).join('、') || '未关联企业'}
                  </Text>
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
