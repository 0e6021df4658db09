import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Application, ApplicationSummary } from '../../../types/api'
import PartyApplicationPage from '@/packages/party/application'
import PartyCommitteePage from '@/packages/party/committee'
import PartyPipelinePage from '@/packages/party/pipeline'
import PartyProgressPage from '@/packages/party/progress'
import { fakeApi } from '../fake-fetch'
import { member, parkAdmin, secretary, signIn } from '../fixtures'

const STAGES = [
  ['applied', '入党申请人'],
  ['activist', '入党积极分子'],
  ['candidate', '发展对象'],
  ['probationary', '预备党员'],
  ['full', '正式党员'],
] as const

function application(overrides: Partial<Application> = {}): Application {
  return {
    id: 5,
    member: { id: 1, name: '林晓帆' },
    branch: { id: 3, name: '云栈科技党支部' },
    stage: 'activist',
    stageName: '入党积极分子',
    stageSince: '2025-10-20',
    appliedOn: '2025-08-01',
    nextStep: {
      code: 'candidate',
      name: '确定发展对象',
      level: 'branch',
      earliestAt: '2026-10-20',
      dueBy: null,
      overdue: false,
    },
    statement: '我志愿加入中国共产党',
    birthDate: '1998-03-01',
    steps: [
      {
        id: 11,
        code: 'apply',
        name: '递交入党申请书',
        level: 'branch',
        date: '2025-08-01',
        note: '纸质入党申请书补录',
        people: [],
        months: null,
        correctsStepId: null,
        corrected: false,
        recordedBy: { id: 2, name: '陈书记' },
        recordedAt: '2026-11-20T02:00:00.000Z',
      },
    ],
    stages: STAGES.map(([stage, name]) => ({
      stage,
      name,
      reachedOn: stage === 'applied' ? '2025-08-01' : stage === 'activist' ? '2025-10-20' : null,
      current: stage === 'activist',
      steps: [],
    })),
    mentors: [{ id: 9, name: '王老党员' }],
    sponsors: [],
    allowedSteps: [
      {
        code: 'review',
        name: '培养教育考察',
        level: 'branch',
        earliestAt: '2026-06-01',
        dueBy: null,
        people: null,
        canRecord: true,
      },
      {
        code: 'candidate',
        name: '确定发展对象',
        level: 'branch',
        earliestAt: '2026-10-20',
        dueBy: null,
        people: null,
        canRecord: true,
      },
    ],
    extension: null,
    canExtend: false,
    canWithdraw: true,
    materials: [{ courseId: 4, title: '入党积极分子培训班' }],
    createdBy: { id: 2, name: '陈书记' },
    ...overrides,
  }
}

/** Types into a Taro Input/Textarea the way it reports it (an `input` event carrying `detail.value`). */
function type(container: HTMLElement, selector: string, value: string) {
  const field = container.querySelector(selector) as HTMLElement
  fireEvent(field, new CustomEvent('input', { bubbles: true, detail: { value } }))
}
describe('入党申请', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('入党进度: without an application, the member applies and sees the server’s timeline', async () => {
    signIn('token-1', member)
    const applied = application({
      stage: 'applied',
      stageName: '入党申请人',
      stageSince: '2026-11-24',
      mentors: [],
      nextStep: {
        code: 'talk',
        name: '党组织派人谈话',
        level: 'branch',
        earliestAt: '2026-11-24',
        dueBy: '2026-12-24',
        overdue: false,
      },
    })
    const calls = fakeApi({
      'GET /api/applications/mine': {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: '还没有入党申请' } },
      },
      'POST /api/applications': { status: 201, body: applied },
    })
    const { container } = render(<PartyProgressPage />)
    await screen.findByText('递交入党申请书')
    fireEvent.click(screen.getByText('递交申请'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写入党申请书' }))
    type(container, '.party-apply__statement', '我志愿加入中国共产党')
    fireEvent.click(screen.getByText('递交申请'))
    await screen.findByText('党组织派人谈话')
    const post = calls.find((call) => call.method === 'POST')!
    expect(post.body).toEqual({ statement: '我志愿加入中国共产党' })
    expect(container.querySelector('.party-progress__stage')).toHaveTextContent('入党申请人')
    expect(screen.getByText('须在 2026-12-24 前完成')).toBeTruthy()
    expect(container.querySelectorAll('.party-timeline__stage')).toHaveLength(5)
  })

  it('入党进度: stage, next step from when, mentors and materials as the server says', async () => {
    signIn('token-1', member)
    fakeApi({ 'GET /api/applications/mine': { status: 200, body: application() } })
    const { container } = render(<PartyProgressPage />)
    await screen.findByText('确定发展对象')
    expect(screen.getByText('最早 2026-10-20 起可办理')).toBeTruthy()
    expect(container.querySelector('.party-progress__people')).toHaveTextContent('培养联系人：王老党员')
    expect(container.querySelector('.party-progress__materials')).toHaveTextContent('入党积极分子培训班')
    expect(container.querySelector('.party-timeline__stage--current')).toHaveTextContent('入党积极分子')
  })

  it('one applicant: the secretary records a step with its date and note; the server’s refusal shows', async () => {
    signIn('token-2', secretary)
    ;(Current as { router: unknown }).router = {
      params: { id: '5' },
      path: '/packages/party/application/index',
    }
    let refuse = true
    const calls = fakeApi({
      'GET /api/applications/5': { status: 200, body: application() },
      'POST /api/applications/5/steps': () =>
        refuse
          ? {
              status: 422,
              body: {
                error: {
                  code: 'INTERVAL_NOT_MET',
                  message: '确定为入党积极分子满一年后才能确定为发展对象,最早 2026-10-20',
                },
              },
            }
          : {
              status: 201,
              body: application({ stage: 'candidate', stageName: '发展对象', allowedSteps: [] }),
            },
    })
    const { container } = render(<PartyApplicationPage />)
    await screen.findByText('记录「确定发展对象」')
    type(container, '.record-form__date', '2026-09-01')
    fireEvent.click(screen.getByText('记录「确定发展对象」'))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: expect.stringContaining('满一年后才能确定为发展对象') }),
      ),
    )
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({
      code: 'candidate',
      date: '2026-09-01',
    })
    refuse = false
    type(container, '.record-form__date', '2026-11-24')
    fireEvent.click(screen.getByText('记录「确定发展对象」'))
    await waitFor(() =>
      expect(container.querySelector('.party-application__stage')).toHaveTextContent('发展对象'),
    )
    expect(screen.queryByText('记录「确定发展对象」')).toBeNull()
  })

  const openApplication = () => {
    ;(Current as { router: unknown }).router = {
      params: { id: '5' },
      path: '/packages/party/application/index',
    }
    return render(<PartyApplicationPage />)
  }

  it('one applicant: 延长预备期 with months and a reason, where the server allows it', async () => {
    signIn('token-2', secretary)
    const calls = fakeApi({
      'GET /api/applications/5': {
        status: 200,
        body: application({ stage: 'probationary', stageName: '预备党员', canExtend: true }),
      },
      'POST /api/applications/5/extension': {
        status: 201,
        body: application({
          stage: 'probationary',
          stageName: '预备党员',
          extension: { months: 6, reason: '需继续考察', date: '2026-11-24' },
          canExtend: false,
        }),
      },
    })
    const { container } = openApplication()
    fireEvent.click(await screen.findByText('延长预备期'))
    type(container, '.extend-form__date', '2026-11-24')
    fireEvent.click(screen.getByText('记录延长预备期'))
    // Without a reason nothing is sent.
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写延长原因' }))
    type(container, '.extend-form__months', '6')
    type(container, '.extend-form__note', '需继续考察')
    fireEvent.click(screen.getByText('记录延长预备期'))
    await waitFor(() => expect(screen.queryByText('记录延长预备期')).toBeNull())
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({
      date: '2026-11-24',
      months: 6,
      reason: '需继续考察',
    })
    // Once only: the server says no more, and the button goes.
    expect(container.querySelector('.party-actions__extend')).toBeNull()
  })

  it('one applicant: 撤回 asks first and sends the reason; 更正 records the same step again with a note', async () => {
    signIn('token-2', secretary)
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const calls = fakeApi({
      'GET /api/applications/5': { status: 200, body: application() },
      'POST /api/applications/5/steps': {
        status: 201,
        body: application({
          steps: [
            { ...application().steps[0]!, corrected: true },
            {
              ...application().steps[0]!,
              id: 12,
              date: '2025-07-30',
              note: '以申请书落款为准',
              correctsStepId: 11,
            },
          ],
        }),
      },
      'POST /api/applications/5/withdraw': {
        status: 201,
        body: application({ stage: 'withdrawn', stageName: '已撤回', canWithdraw: false, allowedSteps: [] }),
      },
    })
    const { container } = openApplication()
    await screen.findByText('撤回申请')

    // 更正 of the letter's date.
    fireEvent.click(screen.getByText('更正'))
    type(container, '.correct-form__date', '2025-07-30')
    type(container, '.correct-form__note', '以申请书落款为准')
    fireEvent.click(screen.getByText('记录更正'))
    await waitFor(() => expect(screen.getByText(/已更正/)).toBeInTheDocument())
    expect(calls.find((call) => call.url.endsWith('/steps'))!.body).toEqual({
      code: 'apply',
      date: '2025-07-30',
      note: '以申请书落款为准',
      correctsStepId: 11,
    })

    fireEvent.click(screen.getByText('撤回申请'))
    type(container, '.withdraw-form__date', '2026-11-24')
    type(container, '.withdraw-form__note', '本人书面申请撤回')
    fireEvent.click(screen.getByText('确认撤回'))
    await waitFor(() =>
      expect(container.querySelector('.party-application__stage')).toHaveTextContent('已撤回'),
    )
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回入党申请？' }))
    expect(calls.find((call) => call.url.endsWith('/withdraw'))!.body).toEqual({
      date: '2026-11-24',
      note: '本人书面申请撤回',
    })
    expect(screen.queryByText('撤回申请')).toBeNull()
  })

  it('发展党员: 导出CSV downloads the list of the tab shown, with the token', async () => {
    signIn('token-2', secretary)
    ;(Current as { router: unknown }).router = { params: {}, path: '/packages/party/pipeline/index' }
    const calls = fakeApi({
      'GET /api/applications': (call) =>
        call.url.includes('format=csv')
          ? { status: 200, body: '姓名,阶段\n林晓帆,入党积极分子\n' }
          : { status: 200, body: { items: [], nextCursor: null } },
    })
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() })
    const clicked: HTMLAnchorElement[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    render(<PartyPipelinePage />)
    fireEvent.click(await screen.findByText('导出CSV'))
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(clicked[0]!.download).toMatch(/^发展党员名单-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = calls.find((call) => call.url.includes('format=csv'))!
    expect(csv.headers.Authorization).toBe('Bearer token-2')
  })

  it('上级党委审批: the committee’s waiting steps, one tap each with a confirmation', async () => {
    signIn('token-9', parkAdmin)
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const waiting: ApplicationSummary = {
      id: 5,
      member: { id: 1, name: '林晓帆' },
      branch: { id: 3, name: '云栈科技党支部' },
      stage: 'activist',
      stageName: '入党积极分子',
      stageSince: '2025-10-20',
      appliedOn: '2025-08-01',
      nextStep: {
        code: 'activist_filing',
        name: '入党积极分子报上级党委备案',
        level: 'committee',
        earliestAt: '2025-10-20',
        dueBy: null,
        overdue: false,
      },
    }
    let done = false
    const calls = fakeApi({
      'GET /api/applications': () => ({
        status: 200,
        body: { items: done ? [] : [waiting], nextCursor: null },
      }),
      'GET /api/applications/overview': {
        status: 200,
        body: { stages: [], branches: [], totals: { byStage: {}, overdue: 0, waitingForCommittee: 1 } },
      },
      'POST /api/applications/5/steps': () => {
        done = true
        return { status: 201, body: application() }
      },
    })
    render(<PartyCommitteePage />)
    fireEvent.click(await screen.findByText('记录「入党积极分子报上级党委备案」'))
    await screen.findByText('暂无待办理的事项')
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({ code: 'activist_filing' })
    expect(calls.find((call) => call.url.includes('waiting=committee'))).toBeTruthy()
  })
})
