import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { AllowedStep, Application, NamedRef } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { useSession } from '@/stores/session'
import { cx } from '@/components/types'
import { type ApiError, toApiError } from '@/services/api-error'
import * as applications from '@/services/applications'
import { toastError, toastSuccess } from '@/utils/toast'
import { NextStepCard, Timeline } from '../timeline'
import { ApplicationActions, CorrectionForm } from './actions'
import '../party.scss'

/** Records one of the steps the server allows now: its date, a note and the people it names. */
function RecordForm({
  application,
  steps,
  onRecorded,
}: {
  application: Application
  steps: AllowedStep[]
  onRecorded: (application: Application) => void
}) {
  const [code, setCode] = useState(steps[steps.length - 1]!.code)
  const step = steps.find((candidate) => candidate.code === code) ?? steps[0]!
  const [date, setDate] = useState('')
  const [note, setNote] = useState('')
  const [people, setPeople] = useState<number[]>([])
  const [choices, setChoices] = useState<NamedRef[] | null>(null)
  const [submitting, setSubmitting] = useState(false)
  useEffect(() => {
    if (step.people && choices === null)
      applications.partyMembers(application.id).then(setChoices, toastError)
  }, [step.people, choices, application.id])

  const toggle = (id: number) =>
    setPeople((current) => (current.includes(id) ? current.filter((one) => one !== id) : [...current, id]))
  const submit = async () => {
    if (submitting) return
    if (!date.trim()) return void Taro.showToast({ title: '请填写办理日期', icon: 'none' })
    setSubmitting(true)
    try {
      const updated = await applications.recordStep(application.id, {
        code: step.code,
        date: date.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(step.people ? { peopleIds: people } : {}),
      })
      toastSuccess('已记录')
      setDate('')
      setNote('')
      setPeople([])
      onRecorded(updated)
    } catch (e) {
      toastError(e)
    } finally {
      setSubmitting(false)
    }
  }
  return (
    <View className="party-card record-form">
      <Text className="party-card__title">记录办理情况</Text>
      <View className="party-field">
        {steps.map((candidate) => (
          <View
            key={candidate.code}
            role="radio"
            aria-checked={candidate.code === step.code}
            className={cx(
              'party-chip',
              `record-form__step--${candidate.code}`,
              candidate.code === step.code && 'party-chip--on',
            )}
            onClick={() => setCode(candidate.code)}
          >
            <Text>{candidate.name}</Text>
          </View>
        ))}
        <Text className="party-card__line">
          {step.earliestAt} 起可办理{step.dueBy ? `,须在 ${step.dueBy} 前` : ''}
        </Text>
      </View>
      <View className="party-field">
        <Text className="party-field__label">办理日期(补录时填历史日期)</Text>
        <Input
          className="party-input record-form__date"
          value={date}
          placeholder={`例如 ${step.earliestAt}`}
          onInput={(event) => setDate(event.detail.value)}
          aria-label="办理日期"
        />
      </View>
      {step.people ? (
        <View className="party-field">
          <Text className="party-field__label">
            {step.code === 'sponsors' ? '入党介绍人' : '培养联系人'}(
            {step.people.min === step.people.max ? step.people.min : `${step.people.min}–${step.people.max}`}{' '}
            名正式党员)
          </Text>
          {(choices ?? []).map((person) => (
            <View
              key={person.id}
              role="checkbox"
              aria-checked={people.includes(person.id)}
              className={cx(
                'party-chip',
                'record-form__person',
                people.includes(person.id) && 'party-chip--on',
              )}
              onClick={() => toggle(person.id)}
            >
              <Text>{person.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="party-field">
        <Text className="party-field__label">备注</Text>
        <Textarea
          className="party-textarea record-form__note"
          value={note}
          maxlength={1000}
          placeholder="例如：谈话人、会议决议、材料编号"
          onInput={(event) => setNote(event.detail.value)}
          aria-label="备注"
        />
      </View>
      <Button className="party-submit record-form__submit" loading={submitting} onClick={submit}>
        记录「{step.name}」
      </Button>
    </View>
  )
}

export function ApplicationView({
  application,
  onChanged,
}: {
  application: Application
  onChanged: (application: Application) => void
}) {
  const recordable = application.allowedSteps.filter((step) => step.canRecord)
  const waitingOthers = application.allowedSteps.filter((step) => !step.canRecord)
  const [correcting, setCorrecting] = useState<number | null>(null)
  // 更正 is offered on the steps of the viewer's level (the server checks it again).
  const roles = useSession()?.user?.roles ?? []
  const mayCorrect = (step: Application['steps'][number]) =>
    !step.corrected &&
    step.code !== 'withdraw' &&
    step.code !== 'probation_extension' &&
    application.stage !== 'withdrawn' &&
    (step.level === 'committee' ? roles.includes('park_admin') : roles.includes('secretary'))
  const changed = (updated: Application) => {
    setCorrecting(null)
    onChanged(updated)
  }
  return (
    <View className="party-application">
      <View className="party-card">
        <Text className="party-card__title">{application.member.name}</Text>
        <Text className="party-stage party-application__stage">{application.stageName}</Text>
        <Text className="party-card__line">
          自 {application.stageSince} 起 · {application.branch.name} · 出生日期 {application.birthDate}
        </Text>
        {application.mentors.length > 0 ? (
          <Text className="party-card__line">
            培养联系人：{application.mentors.map((p) => p.name).join('、')}
          </Text>
        ) : null}
        {application.sponsors.length > 0 ? (
          <Text className="party-card__line">
            入党介绍人：{application.sponsors.map((p) => p.name).join('、')}
          </Text>
        ) : null}
      </View>
      <NextStepCard next={application.nextStep} />
      {recordable.length > 0 ? (
        <RecordForm
          key={application.steps.length}
          application={application}
          steps={recordable}
          onRecorded={onChanged}
        />
      ) : waitingOthers.length > 0 ? (
        <Text className="party-card__line party-application__waiting">
          等待{waitingOthers[0]!.level === 'committee' ? '上级党委' : '支部书记'}办理「
          {waitingOthers[0]!.name}」
        </Text>
      ) : null}
      <ApplicationActions
        key={`actions-${application.steps.length}`}
        application={application}
        onChanged={onChanged}
      />
      <View className="party-card party-application__trail">
        <Text className="party-card__title">办理记录</Text>
        {application.steps.map((step) => (
          <View
            key={step.id}
            className={cx(
              'party-application__record',
              step.corrected && 'party-application__record--corrected',
            )}
          >
            <Text className="party-card__line">
              {step.date} {step.name}
              {step.corrected ? '(已更正)' : ''}
              {step.people.length > 0 ? ` · ${step.people.map((p) => p.name).join('、')}` : ''}
            </Text>
            <Text className="party-item__line">
              记录人 {step.recordedBy.name}
              {step.note ? ` · ${step.note}` : ''}
            </Text>
            {correcting === step.id ? (
              <CorrectionForm
                application={application}
                step={step}
                onChanged={changed}
                onCancel={() => setCorrecting(null)}
              />
            ) : mayCorrect(step) ? (
              <Text className="party-application__correct" onClick={() => setCorrecting(step.id)}>
                更正
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      <Timeline stages={application.stages} />
    </View>
  )
}

export default function PartyApplicationPage() {
  const session = useAuthGuard()
  const id = Number(useRouter().params.id)
  const [application, setApplication] = useState<Application | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const load = useCallback(async () => {
    try {
      setApplication(await applications.get(id))
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])
  useEffect(() => {
    if (session) void load()
  }, [session, load])
  if (!session) return null
  return (
    <PageShell
      className="party"
      loading={loading}
      error={application ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {application ? <ApplicationView application={application} onChanged={setApplication} /> : null}
    </PageShell>
  )
}
