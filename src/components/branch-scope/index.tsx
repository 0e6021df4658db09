import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { NamedRef } from '../../../types/api'
import * as branches from '@/services/branches'
import { toastError } from '@/utils/toast'
import { cx, type BasicComponent } from '../types'

export interface ScopeOptionProps extends BasicComponent {
  /** What the choice is called */
  label: string
  /** Whether it is the current choice (shown by a filled mark and in the label for screen readers) */
  selected: boolean
  /** Called when tapped */
  onSelect?: () => void
}

/** One radio-like choice of a form. */
export function ScopeOption({ label, selected, onSelect, className, style }: ScopeOptionProps) {
  return (
    <View
      className={cx('scope-option', selected && 'scope-option--selected', className)}
      style={style}
      onClick={onSelect}
      aria-label={`${label}${selected ? '，已选择' : ''}`}
    >
      <Text className="scope-option__mark" aria-hidden="true">
        {selected ? '●' : '○'}
      </Text>
      <Text>{label}</Text>
    </View>
  )
}

export interface BranchScopeProps extends BasicComponent {
  /** null for the whole park, else the chosen branch's id */
  value: number | null
  /** Called with null (the whole park) or a branch id */
  onChange: (branchId: number | null) => void
  /** Label of the park-wide choice, e.g. 全园区 */
  parkLabel: string
}

/** A park admin's choice of audience: the whole park, or any one of the company branches. */
export function BranchScope({ value, onChange, parkLabel, className, style }: BranchScopeProps) {
  const [options, setOptions] = useState<NamedRef[]>([])

  useEffect(() => {
    branches.list().then(setOptions, toastError)
  }, [])

  const index = options.findIndex((branch) => branch.id === value)
  const chosen = index >= 0 ? options[index] : undefined
  return (
    <View className={cx('branch-scope', className)} style={style}>
      <ScopeOption label={parkLabel} selected={value === null} onSelect={() => onChange(null)} />
      <Picker
        mode="selector"
        range={options.map((branch) => branch.name)}
        value={Math.max(index, 0)}
        disabled={options.length === 0}
        onChange={(event) => {
          const picked = options[Number(event.detail.value)]
          if (picked) onChange(picked.id)
        }}
      >
        <ScopeOption
          className="branch-scope__branch"
          label={chosen ? chosen.name : '指定支部…'}
          selected={value !== null}
        />
      </Picker>
    </View>
  )
}
