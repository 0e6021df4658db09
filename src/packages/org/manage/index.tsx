import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { ToolsGate } from '@/components/tools-gate'
import { type ApiError, toApiError } from '@/services/api-error'
import * as org from '@/services/org'
import type { Branch, Company } from '@/services/org'
import { toastError } from '@/utils/toast'
import { AuditLog } from '../shared/audit-log'
import { BranchList } from '../shared/branches'
import { CompanyList } from '../shared/companies'
import { JoinRequests } from '../shared/join-requests'
import { Roster } from '../shared/roster'
import '../shared/org.scss'

type Tab = 'companies' | 'branches' | 'roster' | 'requests' | 'audit'
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['companies', '企业'],
  ['branches', '支部'],
  ['roster', '名册'],
  ['requests', '申请'],
  ['audit', '日志'],
]

/** The park's organisation (park admins, usually on a laptop): companies, branches, roster, log. */
function Manage() {
  const [tab, setTab] = useState<Tab>('companies')
  const [companies, setCompanies] = useState<Company[] | null>(null)
  const [branches, setBranches] = useState<Branch[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [round, setRound] = useState(0)
  const loaded = useRef(false)

  const load = useCallback(async () => {
    try {
      const [allCompanies, allBranches] = await Promise.all([org.allCompanies(), org.branches()])
      setCompanies(allCompanies)
      setBranches(allBranches)
      setError(null)
      loaded.current = true
    } catch (e) {
      if (loaded.current) toastError(e)
      else setError(toApiError(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  const shown = useRef(false)
  useDidShow(() => {
    // Back from an edit page: the lists may have changed.
    if (shown.current) {
      void load()
      setRound((n) => n + 1)
    }
    shown.current = true
  })

  return (
    <PageShell
      className="org-page org-manage"
      header={
        <View className="org-column">
          <SegmentTabs options={TABS} value={tab} onChange={setTab} />
        </View>
      }
      loading={!companies && !error}
      error={companies ? null : error}
      onRetry={() => void load()}
      onRefresh={async () => {
        setRound((n) => n + 1)
        await load()
      }}
    >
      {companies && branches ? (
        <View className="org-column" key={`${tab}-${round}`}>
          {tab === 'companies' ? <CompanyList companies={companies} /> : null}
          {tab === 'branches' ? <BranchList branches={branches} /> : null}
          {tab === 'roster' ? <Roster branches={branches} /> : null}
          {tab === 'requests' ? <JoinRequests onDecided={() => void load()} /> : null}
          {tab === 'audit' ? <AuditLog /> : null}
        </View>
      ) : null}
    </PageShell>
  )
}

export default function OrgManagePage() {
  return (
    <ToolsGate need="park" denied="仅园区管理员可以进行组织管理">
      {() => <Manage />}
    </ToolsGate>
  )
}
