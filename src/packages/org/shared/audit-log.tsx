import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { usePagedList } from '@/hooks/use-paged-list'
import * as org from '@/services/org'
import type { AuditEntity, AuditEntry } from '@/services/org'
import { formatFullDateTime } from '@/utils/time'
import { AUDIT_ENTITY_LABELS, auditActionLabel, auditChanges } from './labels'
import { ListFooter, ListState } from './list-state'

const ENTITIES = Object.entries(AUDIT_ENTITY_LABELS) as Array<[AuditEntity, string]>

/** 操作日志: every organisation change, newest first — who, when, before → after. */
export function AuditLog() {
  const [entity, setEntity] = useState<AuditEntity | undefined>(undefined)
  const list = usePagedList<AuditEntry>((cursor) => org.auditLog(entity, cursor), entity ?? '')
  const index = entity ? ENTITIES.findIndex(([code]) => code === entity) + 1 : 0
  return (
    <View className="audit-log">
      <View className="org-toolbar org-toolbar--filters">
        <Picker
          mode="selector"
          range={['全部对象', ...ENTITIES.map(([, label]) => label)]}
          value={index}
          onChange={(event) => {
            const chosen = Number(event.detail.value)
            setEntity(chosen === 0 ? undefined : ENTITIES[chosen - 1]?.[0])
          }}
        >
          <View className="org-toolbar__filter">
            <Text>{index === 0 ? '全部对象' : ENTITIES[index - 1][1]} ▾</Text>
          </View>
        </Picker>
      </View>
      <ListState list={list} emptyText="暂无操作记录">
        <View className="org-table">
          {list.items.map((entry) => (
            <View className="org-row audit-row" key={entry.id}>
              <View className="org-row__main">
                <View className="org-row__top">
                  <Text className="org-row__name">{auditActionLabel(entry.action, entry.entity)}</Text>
                </View>
                <Text className="org-row__cells">
                  <Text className="org-row__cell">{entry.actor?.name ?? '系统（命令行）'}</Text>
                  <Text className="org-row__cell">{formatFullDateTime(entry.at)}</Text>
                  <Text className="org-row__cell">编号 {entry.entityId}</Text>
                </Text>
                {auditChanges(entry.before, entry.after).map((line) => (
                  <Text className="org-row__note" key={line}>
                    {line}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </View>
        <ListFooter list={list} />
      </ListState>
    </View>
  )
}
