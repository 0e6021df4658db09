import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { SessionAttendance } from '../../../types/api'
import AttendancePage from '@/packages/admin/attendance'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { attendance } from '../course-fixtures'
import { secretary } from '../fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

function openPage() {
  ;(Current as { router: unknown }).router = {
    params: { sessionId: '5' },
    path: '/packages/admin/attendance/index',
  }
  return render(<AttendancePage />)
}

const tab = (container: HTMLElement, status: string) =>
  container.querySelector(`.attendance-tabs__tab--${status}`) as HTMLElement

describe('考勤', () => {
  let showModal: jest.SpyInstance

  beforeEach(() => {
    saveSession('token-2', secretary)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    showModal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('counts present, late, leave and absent, and lists each with branch, time and 离线', async () => {
    fakeApi({ 'GET /api/sessions/5/attendance': { status: 200, body: attendance() } })
    const { container } = openPage()
    await screen.findByText('林晓帆')
    expect(tab(container, 'present')).toHaveTextContent('1已签到')
    expect(tab(container, 'late')).toHaveTextContent('1迟到')
    expect(tab(container, 'leave')).toHaveTextContent('0请假')
    expect(tab(container, 'absent')).toHaveTextContent('1缺勤')
    const entry = container.querySelector('.attendance-entry') as HTMLElement
    expect(entry).toHaveTextContent('云栈科技党支部')
    expect(entry).toHaveTextContent('签到：11月24日 周二 13:52')
    expect(entry.querySelector('.attendance-entry__offline')).toHaveTextContent('离线')
    expect(entry.querySelector('.attendance-entry__sign-in')).toBeNull()

    fireEvent.click(tab(container, 'late'))
    expect(await screen.findByText('周子航')).toBeInTheDocument()
    fireEvent.click(tab(container, 'leave'))
    expect(await screen.findByText('没有请假的成员')).toBeInTheDocument()
  })

  it('补签 an absent member after confirming', async () => {
    let data: SessionAttendance = attendance()
    const calls = fakeApi({
      'GET /api/sessions/5/attendance': () => ({ status: 200, body: data }),
      'POST /api/sessions/5/attendance': (call) => {
        const absent = data.absent[0]
        const entry = {
          ...absent,
          status: 'present' as const,
          manual: true,
          checkedInAt: '2026-11-24T06:30:00.000Z',
        }
        data = { ...data, absent: [], present: [...data.present, entry] }
        expect(call.body).toEqual({ memberId: 9, status: 'present' })
        return { status: 201, body: entry }
      },
    })
    const { container } = openPage()
    await screen.findByText('林晓帆')
    fireEvent.click(tab(container, 'absent'))
    fireEvent.click(await screen.findByText('补签'))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '补签' }))
    await waitFor(() => expect(tab(container, 'present')).toHaveTextContent('2已签到'))
    expect(tab(container, 'absent')).toHaveTextContent('0缺勤')
  })

  it('确认 one pending sign-in at a time, or 全部确认 at once', async () => {
    const pendingEntry = (id: number, name: string) => ({
      member: { id, name, branch: { id: 3, name: '云栈科技党支部' } },
      status: 'pending' as const,
      checkedInAt: '2026-11-24T05:58:00.000Z',
      offline: true,
      manual: false,
      note: null,
      canUndo: false,
    })
    let data: SessionAttendance = attendance({
      pending: [pendingEntry(11, '陈思远'), pendingEntry(12, '黄雨桐')],
    })
    const calls = fakeApi({
      'GET /api/sessions/5/attendance': () => ({ status: 200, body: data }),
      'POST /api/sessions/5/attendance': (call) => {
        const { memberId } = call.body as { memberId: number }
        const entry = {
          ...data.pending.find((item) => item.member.id === memberId)!,
          status: 'present' as const,
        }
        data = {
          ...data,
          pending: data.pending.filter((item) => item.member.id !== memberId),
          present: [...data.present, entry],
        }
        return { status: 201, body: entry }
      },
      'POST /api/sessions/5/attendance/confirm': () => {
        const confirmed = data.pending.length
        data = {
          ...data,
          present: [
            ...data.present,
            ...data.pending.map((item) => ({ ...item, status: 'present' as const })),
          ],
          pending: [],
        }
        return { status: 200, body: { confirmed } }
      },
    })
    const { container } = openPage()
    await screen.findByText('林晓帆')
    expect(tab(container, 'pending')).toHaveTextContent('2待确认')
    fireEvent.click(tab(container, 'pending'))
    expect(await screen.findByText('陈思远')).toBeInTheDocument()
    expect(container).toHaveTextContent('二维码过期后才送达的离线签到')
    const first = container.querySelector('.attendance-entry__confirm') as HTMLElement
    fireEvent.click(first)
    await waitFor(() => expect(tab(container, 'pending')).toHaveTextContent('1待确认'))
    expect(calls.find((call) => call.url.endsWith('/attendance') && call.method === 'POST')?.body).toEqual({
      memberId: 11,
      status: 'present',
    })
    expect(tab(container, 'present')).toHaveTextContent('2已签到')

    fireEvent.click(screen.getByText('全部确认'))
    await waitFor(() => expect(tab(container, 'pending')).toHaveTextContent('0待确认'))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '全部确认' }))
    expect(tab(container, 'present')).toHaveTextContent('3已签到')
    expect(await screen.findByText('没有待确认的签到')).toBeInTheDocument()
  })

  it('请假 with a note for an absent member', async () => {
    const calls = fakeApi({
      'GET /api/sessions/5/attendance': { status: 200, body: attendance() },
      'POST /api/sessions/5/attendance': (call) => ({
        status: 201,
        body: {
          ...attendance().absent[0],
          status: 'leave',
          manual: true,
          note: (call.body as { note?: string }).note ?? null,
          canUndo: true,
        },
      }),
    })
    const { container } = openPage()
    await screen.findByText('林晓帆')
    fireEvent.click(tab(container, 'absent'))
    await waitFor(() => expect(container.querySelector('.attendance-entry__leave')).toHaveTextContent('请假'))
    fireEvent.click(container.querySelector('.attendance-entry__leave') as HTMLElement)
    fire(container.querySelector('.attendance-entry__note-input') as Element, 'input', ' 出差 ')
    fireEvent.click(screen.getByText('确认请假'))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      memberId: 9,
      status: 'leave',
      note: '出差',
    })
  })

  it('导出CSV downloads the attendance with the token', async () => {
    const calls = fakeApi({
      'GET /api/sessions/5/attendance': (call) =>
        call.url.includes('format=csv')
          ? { status: 200, body: '姓名,状态\n林晓帆,已签到\n' }
          : { status: 200, body: attendance() },
    })
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:csv')
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() })
    const clicked: HTMLAnchorElement[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    openPage()
    fireEvent.click(await screen.findByText('导出CSV'))
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(clicked[0].download).toBe('党务工作者培训班-11月24日-考勤.csv')
    expect(calls.find((call) => call.url.includes('format=csv'))?.headers.Authorization).toBe(
      'Bearer token-2',
    )
  })

  it('undoes a 补签 where the server allows it, and searches the list by name or branch', async () => {
    const manual = {
      ...attendance().present[0],
      member: { id: 21, name: '郑雅文', branch: { id: 2, name: '海纳数据党支部' } },
      offline: false,
      manual: true,
      canUndo: true,
    }
    let data: SessionAttendance = attendance({ present: [attendance().present[0], manual] })
    const calls = fakeApi({
      'GET /api/sessions/5/attendance': () => ({ status: 200, body: data }),
      'POST /api/sessions/5/attendance/undo': () => {
        data = attendance()
        return {
          status: 200,
          body: { memberId: 21, undone: 'present', pointsTakenBack: 2, undoneAt: '2026-11-24T06:00:00.000Z' },
        }
      },
    })
    const { container } = openPage()
    await screen.findByText('郑雅文')
    // Only the organiser's own 补签 offers 撤销; the member's scan does not.
    expect(container.querySelectorAll('.attendance-entry__undo')).toHaveLength(1)

    const search = container.querySelector('.attendance-page__search') as Element
    fire(search, 'input', '海纳')
    await waitFor(() => expect(screen.queryByText('林晓帆')).toBeNull())
    expect(screen.getByText('郑雅文')).toBeInTheDocument()
    fire(search, 'input', '没有这个人')
    expect(await screen.findByText('没有找到“没有这个人”')).toBeInTheDocument()
    fire(search, 'input', '')
    await screen.findByText('林晓帆')

    fireEvent.click(container.querySelector('.attendance-entry__undo') as Element)
    await waitFor(() => expect(screen.queryByText('郑雅文')).toBeNull())
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销补签' }))
    expect(calls.find((call) => call.url.endsWith('/attendance/undo'))?.body).toEqual({ memberId: 21 })
  })
})
