import Taro from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import type { PoliticalStatus } from '../../../../types/api'
import { Tag } from '@/components/tag'
import { usePagedList } from '@/hooks/use-paged-list'
import * as org from '@/services/org'
import type { Branch, Member, MemberFilter } from '@/services/org'
import { exportCsv } from '@/utils/export-csv'
import { officeLabels, POLITICAL_STATUS_LABELS } from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import { toastError } from '@/utils/toast'
import { ListFooter, ListState } from './list-state'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

const STATUSES = Object.entries(POLITICAL_STATUS_LABELS) as Array<[PoliticalStatus, string]>

export function MemberRow({ member, onInvite }: { member: Member; onInvite?: (member: Member) => void }) {
  return (
    <View
      className={`org-row member-row${member.active ? '' : ' org-row--muted'}`}
      hoverClass="org-row--active"
      onClick={() => go(ROUTES.memberEdit(member.id))}
      aria-label={`编辑${member.name}`}
    >
      <View className="org-row__main">
        <View className="org-row__top">
          <Text className="org-row__name">{member.name}</Text>
          <Tag type="primary">{POLITICAL_STATUS_LABELS[member.politicalStatus]}</Tag>
          {officeLabels(member.roles).map((label) => (
            <Tag type="solid" key={label}>
              {label}
            </Tag>
          ))}
          {member.isCeo ? <Tag type="gold">企业CEO</Tag> : null}
          {member.active ? null : <Tag>已停用</Tag>}
          {member.active && !member.bound ? <Tag>未绑定微信</Tag> : null}
        </View>
        <Text className="org-row__cells">
          <Text className="org-row__cell">{member.phone ?? '无手机号'}</Text>
          <Text className="org-row__cell">{member.company?.name ?? '—'}</Text>
          <Text className="org-row__cell">{member.branch?.name ?? '未加入支部'}</Text>
        </Text>
      </View>
      {onInvite && member.active && !member.bound ? (
        <Button
          className="org-row__action"
          onClick={(event) => {
            event.stopPropagation()
            onInvite(member)
          }}
        >
          邀请
        </Button>
      ) : null}
    </View>
  )
}

export interface RosterProps {
  /** A secretary's own branch; park admins choose with the filter. */
  branchId?: number
  /** Park admins: filter by branch. */
  branches?: Branch[]
}

/** The roster with search and filters, 添加成员 / 导入 / 导出, and an invite for those not bound yet. */
export function Roster({ branchId, branches }: RosterProps) {
  const [query, setQuery] = useState('')
  const [q, setQ] = useState('')
  const [branchFilter, setBranchFilter] = useState<number | undefined>(branchId)
  const [status, setStatus] = useState<PoliticalStatus | undefined>(undefined)
  const filter: MemberFilter = { branchId: branchFilter, q, politicalStatus: status }
  const list = usePagedList<Member>((cursor) => org.members(filter, cursor), JSON.stringify(filter))
  const [exporting, setExporting] = useState(false)

  const exportRoster = async () => {
    if (exporting) return
    setExporting(true)
    try {
      await exportCsv({ path: org.membersCsvPath(filter), fileName: '园区名册.csv' })
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(false)
    }
  }

  const branchNames = ['全部支部', ...(branches ?? []).map((branch) => branch.name)]
  const branchIndex = branches ? Math.max(0, branches.findIndex((b) => b.id === branchFilter) + 1) : 0
  const statusIndex = status ? STATUSES.findIndex(([code]) => code === status) + 1 : 0

  return (
    <View className="roster">
      <View className="org-toolbar">
        <Input
          className="org-toolbar__search"
          type="text"
          value={query}
          placeholder="搜索姓名或手机号"
          confirmType="search"
          onInput={(event) => setQuery(event.detail.value)}
          onConfirm={() => setQ(query.trim())}
          aria-label="搜索姓名或手机号"
        />
        <Button className="org-toolbar__button" onClick={() => setQ(query.trim())}>
          搜索
        </Button>
      </View>
      <View className="org-toolbar org-toolbar--filters">
        {branches ? (
          <Picker
            mode="selector"
            range={branchNames}
            value={branchIndex}
            onChange={(event) => {
              const index = Number(event.detail.value)
              setBranchFilter(index === 0 ? undefined : branches[index - 1]?.id)
            }}
          >
            <View className="org-toolbar__filter roster__branch-filter">
              <Text>{branchNames[branchIndex]} ▾</Text>
            </View>
          </Picker>
        ) : null}
        <Picker
          mode="selector"
          range={['全部政治面貌', ...STATUSES.map(([, label]) => label)]}
          value={statusIndex}
          onChange={(event) => {
            const index = Number(event.detail.value)
            setStatus(index === 0 ? undefined : STATUSES[index - 1]?.[0])
          }}
        >
          <View className="org-toolbar__filter roster__status-filter">
            <Text>{statusIndex === 0 ? '全部政治面貌' : STATUSES[statusIndex - 1][1]} ▾</Text>
          </View>
        </Picker>
      </View>
      <View className="org-toolbar org-toolbar--actions">
        <Button className="org-toolbar__primary" onClick={() => go(ROUTES.memberNew(branchId))}>
          添加成员
        </Button>
        <Button className="org-toolbar__button" onClick={() => go(ROUTES.memberImport)}>
          导入名册
        </Button>
        <Button className="org-toolbar__button" loading={exporting} onClick={() => void exportRoster()}>
          导出
        </Button>
      </View>
      <ListState list={list} emptyText={q ? '没有找到匹配的成员' : '名册中还没有成员'}>
        <View className="org-table">
          {list.items.map((member) => (
            <MemberRow key={member.id} member={member} onInvite={(m) => go(ROUTES.memberInvite(m.id))} />
          ))}
        </View>
        <ListFooter list={list} />
      </ListState>
    </View>
  )
}
