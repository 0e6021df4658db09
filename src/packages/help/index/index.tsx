import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useRef, useState } from 'react'
import type { HelpRequestListQuery, HelpRequestSummary, Me } from '../../../../types/api'
import { Button } from '@/components/button'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as helpRequests from '@/services/help-requests'
import { ROUTES } from '@/utils/routes'
import { RequestCard } from '../request-card'
import '../help.scss'

type Query = Omit<HelpRequestListQuery, 'cursor' | 'limit'>
type Tab = readonly [key: string, label: string, query: Query]

/** The lists each kind of viewer works from; the server decides what each one holds. */
function tabsFor(user: Me): readonly Tab[] {
  if (user.roles.includes('park_admin')) {
    return [
      ['submitted', '待分派', { status: 'submitted' }],
      ['open', '未办结', { status: 'open' }],
      ['resolved', '已解决', { status: 'resolved' }],
      ['all', '全部', {}],
    ]
  }
  if (user.roles.includes('helper')) {
    return [
      ['assigned', '分派给我', { assigned: '1' }],
      ['open', '未办结', { status: 'open' }],
      ['all', '全部求助', {}],
    ]
  }
  return [['mine', '我的求助', { mine: '1' }]]
}

function HelpList({ user }: { user: Me }) {
  const tabs = tabsFor(user)
  const [tab, setTab] = useState(tabs[0]![0])
  const query = (tabs.find(([key]) => key === tab) ?? tabs[0]!)[2]
  const fetchPage = useCallback((cursor: string | null) => helpRequests.list(query, cursor), [query])
  const list = usePagedList<HelpRequestSummary>(fetchPage, tab)
  const shown = useRef(false)
  useDidShow(() => {
    // Back from a request or the form: it may have moved.
    if (shown.current) void list.refresh()
    shown.current = true
  })
  const seesAll = user.roles.includes('park_admin') || user.roles.includes('helper')
  const mayFile = user.company !== null && user.roles.length > 0
  return (
    <PageShell
      className="help help-list"
      header={
        <View className="help-list__header">
          <View className="help-intro">
            <Text className="help-intro__title">红e帮帮团</Text>
            <Text className="help-intro__line">
              区直部门组成的帮帮团为园区企业排忧解难：政策咨询、税务、融资、人才招聘、场地……
            </Text>
            <Text className="help-intro__line">
              首次答复 2 个工作日内；有党组织的企业走红色服务通道，1 个工作日内答复。
            </Text>
            {mayFile ? (
              <Button
                className="help-submit help-list__new"
                onClick={() => Taro.navigateTo({ url: ROUTES.helpNew }).catch(() => undefined)}
              >
                我要求助
              </Button>
            ) : null}
          </View>
          {tabs.length > 1 ? (
            <SegmentTabs
              className="help-list__tabs"
              options={tabs.map(([key, label]) => [key, label] as const)}
              value={tab}
              onChange={setTab}
            />
          ) : null}
        </View>
      }
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText={seesAll ? '这里暂时没有求助' : '还没有提交过求助'}
      emptyHint={seesAll ? '下拉可刷新' : '遇到政策、税务、融资等问题，点「我要求助」'}
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <View className="help-list__items">
        {list.items.map((item) => (
          <RequestCard key={item.id} item={item} showCompany={seesAll} />
        ))}
      </View>
    </PageShell>
  )
}

export default function HelpIndexPage() {
  const session = useAuthGuard()
  if (!session) return null
  if (!session.user) return <PageShell loading />
  return <HelpList user={session.user} />
}
