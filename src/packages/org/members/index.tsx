import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { ToolsGate } from '@/components/tools-gate'
import { useSession } from '@/stores/session'
import { JoinRequests } from '../shared/join-requests'
import { Roster } from '../shared/roster'
import '../shared/org.scss'

type Tab = 'roster' | 'requests'
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['roster', '成员'],
  ['requests', '入支部申请'],
]

/** A secretary's branch: its roster (add, edit, import, invite) and its join requests. */
function BranchMembers({ branch }: { branch: { id: number; name: string } }) {
  const [tab, setTab] = useState<Tab>('roster')
  // Coming back from 添加成员 or an edit: draw the lists again from the server.
  const [round, setRound] = useState(0)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) setRound((n) => n + 1)
    shown.current = true
  })
  return (
    <PageShell
      className="org-page branch-members"
      header={
        <View className="org-column">
          <Text className="branch-members__name">{branch.name}</Text>
          <SegmentTabs options={TABS} value={tab} onChange={setTab} />
        </View>
      }
      onRefresh={() => setRound((n) => n + 1)}
    >
      <View className="org-column" key={`${tab}-${round}`}>
        {tab === 'roster' ? <Roster branchId={branch.id} /> : <JoinRequests />}
      </View>
    </PageShell>
  )
}

export default function BranchMembersPage() {
  const user = useSession()?.user
  return (
    <ToolsGate need="organiser" denied="仅支部书记可以管理支部成员">
      {() =>
        user?.branch ? (
          <BranchMembers branch={user.branch} />
        ) : (
          <PageShell empty emptyText="你还没有所属支部" emptyHint="园区管理员请在「组织管理」中管理名册" />
        )
      }
    </ToolsGate>
  )
}
