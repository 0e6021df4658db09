import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { Application } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as applications from '@/services/applications'
import { ROUTES } from '@/utils/routes'
import { toastError, toastSuccess } from '@/utils/toast'
import { NextStepCard, Timeline } from '../timeline'
import '../party.scss'

/** 递交入党申请: the letter and, when the roster has none, the birth date. */
function ApplyForm({ onApplied }: { onApplied: (application: Application) => void }) {
  const [statement, setStatement] = useState('')
  const [birthDate, setBirthDate] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const submit = async () => {
    if (submitting) return
    if (!statement.trim()) return void Taro.showToast({ title: '请填写入党申请书', icon: 'none' })
    setSubmitting(true)
    try {
      const application = await applications.apply({
        statement: statement.trim(),
        ...(birthDate.trim() ? { birthDate: birthDate.trim() } : {}),
      })
      toastSuccess('已递交')
      onApplied(application)
    } catch (e) {
      toastError(e)
    } finally {
      setSubmitting(false)
    }
  }
  return (
    <View className="party-apply">
      <View className="party-card">
        <Text className="party-card__title">递交入党申请书</Text>
        <Text className="party-card__line">
          年满十八岁、承认党的纲领和章程的园区成员，可以向所在党支部递交入党申请书。递交后，支部会在一个月内派人与你谈话。
        </Text>
      </View>
      <View className="party-field">
        <Text className="party-field__label">入党申请书</Text>
        <Textarea
          className="party-textarea party-apply__statement"
          value={statement}
          maxlength={5000}
          placeholder="敬爱的党组织：我志愿加入中国共产党……"
          onInput={(event) => setStatement(event.detail.value)}
          aria-label="入党申请书"
        />
      </View>
      <View className="party-field">
        <Text className="party-field__label">出生日期(花名册中没有时填写)</Text>
        <Input
          className="party-input party-apply__birth"
          value={birthDate}
          placeholder="例如 1998-03-01"
          onInput={(event) => setBirthDate(event.detail.value)}
          aria-label="出生日期"
        />
      </View>
      <Button className="party-submit party-apply__submit" loading={submitting} onClick={submit}>
        递交申请
      </Button>
    </View>
  )
}

export function Progress({ application }: { application: Application }) {
  return (
    <View className="party-progress">
      <View className="party-card">
        <Text className="party-card__line">当前阶段</Text>
        <Text className="party-stage party-progress__stage">{application.stageName}</Text>
        <Text className="party-card__line">
          自 {application.stageSince} 起 · {application.branch.name} · 递交申请 {application.appliedOn}
        </Text>
      </View>
      <NextStepCard next={application.nextStep} />
      {application.mentors.length > 0 || application.sponsors.length > 0 ? (
        <View className="party-card party-progress__people">
          {application.mentors.length > 0 ? (
            <Text className="party-card__line">
              培养联系人：{application.mentors.map((person) => person.name).join('、')}
            </Text>
          ) : null}
          {application.sponsors.length > 0 ? (
            <Text className="party-card__line">
              入党介绍人：{application.sponsors.map((person) => person.name).join('、')}
            </Text>
          ) : null}
        </View>
      ) : null}
      {application.materials.length > 0 ? (
        <View className="party-card party-progress__materials">
          <Text className="party-card__title">学习材料与培训</Text>
          {application.materials.map((material) => (
            <View
              key={material.courseId}
              role="link"
              className="party-progress__material"
              onClick={() =>
                Taro.navigateTo({ url: ROUTES.courseDetail(material.courseId) }).catch(() => undefined)
              }
            >
              <Text className="party-card__line">📖 {material.title} ›</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Timeline stages={application.stages} />
    </View>
  )
}

export default function PartyProgressPage() {
  const session = useAuthGuard()
  const [application, setApplication] = useState<Application | null>(null)
  const [none, setNone] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    try {
      setApplication(await applications.mine())
      setNone(false)
      setError(null)
    } catch (e) {
      const apiError = toApiError(e)
      if (apiError.status === 404) setNone(true)
      else setError(apiError)
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    if (session) void load()
  }, [session, load])

  if (!session) return null
  return (
    <PageShell
      className="party"
      loading={loading}
      error={application || none ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {application && application.stage !== 'withdrawn' ? (
        <Progress application={application} />
      ) : none || application ? (
        <ApplyForm
          onApplied={(created) => {
            setApplication(created)
            setNone(false)
          }}
        />
      ) : null}
    </PageShell>
  )
}
