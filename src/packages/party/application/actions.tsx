import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { Application, ApplicationStep, StepCode } from '../../../../types/api'
import { Button } from '@/components/button'
import * as applications from '@/services/applications'
import { toastError, toastSuccess } from '@/utils/toast'

/*
 * The secretary's other writes on an application, each a new entry on the trail (nothing is
 * edited): 延长预备期 with its reason, 撤回 with its reason, and 更正 of a step (the same step again
 * with the right date and a note saying why). The server says which are possible and checks them.
 */

type Kind = 'extend' | 'withdraw'

const need = (title: string) => void Taro.showToast({ title, icon: 'none' })

/** Date and note fields, and a submit that sends them; shared by the three forms. */
function NoteForm({
  className,
  title,
  noteLabel,
  notePlaceholder,
  submitText,
  extra,
  onSubmit,
  onCancel,
}: {
  className: string
  title: string
  noteLabel: string
  notePlaceholder: string
  submitText: string
  extra?: React.ReactNode
  onSubmit: (date: string, note: string) => Promise<void>
  onCancel: () => void
}) {
  const [date, setDate] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (busy) return
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) return need('请填写日期，例如 2026-11-24')
    if (!note.trim()) return need(`请填写${noteLabel}`)
    setBusy(true)
    try {
      await onSubmit(date.trim(), note.trim())
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={`party-card ${className}`}>
      <Text className="party-card__title">{title}</Text>
      <View className="party-field">
        <Text className="party-field__label">日期</Text>
        <Input
          className={`party-input ${className}__date`}
          value={date}
          placeholder="例如 2026-11-24"
          onInput={(event) => setDate(event.detail.value)}
          aria-label="日期"
        />
      </View>
      {extra}
      <View className="party-field">
        <Text className="party-field__label">{noteLabel}</Text>
        <Textarea
          className={`party-textarea ${className}__note`}
          value={note}
          maxlength={1000}
          placeholder={notePlaceholder}
          onInput={(event) => setNote(event.detail.value)}
          aria-label={noteLabel}
        />
      </View>
      <Button className={`party-submit ${className}__submit`} loading={busy} onClick={() => void submit()}>
        {submitText}
      </Button>
      <Button className={`party-secondary ${className}__cancel`} onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}

/** 延长预备期 and 撤回, as buttons that open their forms, when the server allows them. */
export function ApplicationActions({
  application,
  onChanged,
}: {
  application: Application
  onChanged: (application: Application) => void
}) {
  const [open, setOpen] = useState<Kind | null>(null)
  const [months, setMonths] = useState('6')
  if (!application.canExtend && !application.canWithdraw) return null
  const done = (updated: Application, message: string) => {
    toastSuccess(message)
    setOpen(null)
    onChanged(updated)
  }
  if (open === 'extend')
    return (
      <NoteForm
        className="extend-form"
        title="延长预备期"
        noteLabel="延长原因"
        notePlaceholder="例如：支部大会讨论认为需继续考察，延长半年"
        submitText="记录延长预备期"
        extra={
          <View className="party-field">
            <Text className="party-field__label">延长月数（1–12，只能延长一次）</Text>
            <Input
              className="party-input extend-form__months"
              type="number"
              value={months}
              onInput={(event) => setMonths(event.detail.value)}
              aria-label="延长月数"
            />
          </View>
        }
        onSubmit={async (date, reason) => {
          const value = Number(months)
          if (!Number.isInteger(value) || value < 1 || value > 12) return need('延长月数为1到12个月')
          done(
            await applications.extendProbation(application.id, { date, months: value, reason }),
            '已延长预备期',
          )
        }}
        onCancel={() => setOpen(null)}
      />
    )
  if (open === 'withdraw')
    return (
      <NoteForm
        className="withdraw-form"
        title="撤回入党申请"
        noteLabel="撤回原因"
        notePlaceholder="例如：本人书面申请撤回"
        submitText="确认撤回"
        onSubmit={async (date, note) => {
          const answer = await Taro.showModal({
            title: '撤回入党申请？',
            content: '撤回后政治面貌恢复为群众，办理记录保留',
            confirmText: '撤回',
          })
          if (!answer.confirm) return
          done(await applications.withdraw(application.id, { date, note }), '已撤回')
        }}
        onCancel={() => setOpen(null)}
      />
    )
  return (
    <View className="party-actions">
      {application.canExtend ? (
        <Button className="party-secondary party-actions__extend" onClick={() => setOpen('extend')}>
          延长预备期
        </Button>
      ) : null}
      {application.canWithdraw ? (
        <Button className="party-secondary party-actions__withdraw" onClick={() => setOpen('withdraw')}>
          撤回申请
        </Button>
      ) : null}
    </View>
  )
}

/** 更正 of one step on the trail: the same step again with the right date and why. */
export function CorrectionForm({
  application,
  step,
  onChanged,
  onCancel,
}: {
  application: Application
  step: ApplicationStep
  onChanged: (application: Application) => void
  onCancel: () => void
}) {
  return (
    <NoteForm
      className="correct-form"
      title={`更正「${step.name}」（原 ${step.date}）`}
      noteLabel="更正说明"
      notePlaceholder="例如：日期录入有误，以会议记录为准"
      submitText="记录更正"
      onSubmit={async (date, note) => {
        const updated = await applications.recordStep(application.id, {
          code: step.code as StepCode,
          date,
          note,
          correctsStepId: step.id,
          ...(step.people.length > 0 ? { peopleIds: step.people.map((person) => person.id) } : {}),
        })
        toastSuccess('已记录更正')
        onChanged(updated)
      }}
      onCancel={onCancel}
    />
  )
}
