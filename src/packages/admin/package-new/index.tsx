import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import type { HealthPackageCreate } from '../../../../types/api'
import { DateTimeField } from '@/components/date-time-field'
import { cx } from '@/components/types'
import * as healthPackages from '@/services/health-packages'
import { useCareModeClass } from '@/stores/care-mode'
import { ROUTES } from '@/utils/routes'
import { toastError, toastSuccess } from '@/utils/toast'
import '../form.scss'
import { LIMITS } from '../../../../server/src/schemas/limits'
import { ToolsGate } from '@/components/tools-gate'
import { CharCount } from '../char-count'

function problemOf(input: {
  name: string
  stock: string
  claimStart: string | null
  claimEnd: string | null
}): string | null {
  if (!input.name.trim()) return '请填写批次名称'
  const stock = Number(input.stock)
  if (!Number.isInteger(stock) || stock < 1) return '数量须为正整数'
  if (!input.claimStart) return '请选择开始领取时间'
  if (!input.claimEnd) return '请选择结束领取时间'
  if (input.claimEnd <= input.claimStart) return '结束时间须晚于开始时间'
  return null
}

function PackageForm() {
  // 关怀模式: this page has no page shell to carry the class.
  const careMode = useCareModeClass()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [stock, setStock] = useState('')
  const [claimStart, setClaimStart] = useState<string | null>(null)
  const [claimEnd, setClaimEnd] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    if (submitting) return
    const problem = problemOf({ name, stock, claimStart, claimEnd })
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' })
    const input: HealthPackageCreate = {
      name: name.trim(),
      description: description.trim(),
      stock: Number(stock),
      claimStart: claimStart as string,
      claimEnd: claimEnd as string,
    }
    setSubmitting(true)
    try {
      await healthPackages.create(input)
      toastSuccess('已创建')
      setTimeout(() => {
        Taro.redirectTo({ url: ROUTES.packagesManage }).catch(() => undefined)
      }, 1200)
    } catch (e) {
      toastError(e)
      setSubmitting(false)
    }
  }

  return (
    <View className={cx('admin-form package-form', careMode)}>
      <View className="admin-form__field">
        <Text className="admin-form__label">批次名称</Text>
        <Input
          className="admin-form__input package-form__name"
          value={name}
          maxlength={LIMITS.packageName}
          placeholder="例如：党员CEO健康大礼包（2027春季）"
          onInput={(e) => setName(e.detail.value)}
          aria-label="批次名称"
        />
        <CharCount value={name} max={LIMITS.packageName} />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">内容说明</Text>
        <Textarea
          className="admin-form__textarea package-form__description"
          value={description}
          maxlength={LIMITS.packageDescription}
          placeholder="礼包内容、领取地点、注意事项"
          onInput={(e) => setDescription(e.detail.value)}
          aria-label="内容说明"
        />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">数量（份）</Text>
        <Input
          className="admin-form__input package-form__stock"
          type="number"
          value={stock}
          placeholder="例如：10"
          onInput={(e) => setStock(e.detail.value.replace(/\D/g, ''))}
          aria-label="数量"
        />
        <Text className="admin-form__hint">领完即止，每位党员CEO限领一份</Text>
      </View>
      <View className="admin-form__field">
        <DateTimeField
          className="package-form__start"
          label="开始领取"
          value={claimStart}
          onChange={setClaimStart}
        />
      </View>
      <View className="admin-form__field">
        <DateTimeField
          className="package-form__end"
          label="结束领取"
          value={claimEnd}
          onChange={setClaimEnd}
        />
      </View>
      <Button className="admin-form__submit package-form__submit" loading={submitting} onClick={submit}>
        创建批次
      </Button>
    </View>
  )
}

export default function PackageNewPage() {
  return (
    <ToolsGate need="park" denied="仅园区管理员可以新建大礼包批次">
      {() => <PackageForm />}
    </ToolsGate>
  )
}
