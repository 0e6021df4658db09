import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import HomePage from '@/pages/home'
import MePage from '@/pages/me'
import MyInfoPage from '@/packages/privacy/my-info'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member, meSummary, parkAdmin, secretary } from '../fixtures'
import { newcomer } from '../org-fixtures'

describe('before and after joining', () => {
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
    jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  const notices = {
    'GET /api/announcements': { status: 200, body: { items: [], nextCursor: null } },
    'GET /api/announcements/unread-count': { status: 200, body: { count: 0 } },
  }

  it('首页 prompts someone not on the roster to 完善信息, as GET /api/me has it', async () => {
    saveSession('token-40', newcomer)
    fakeApi(notices)
    render(<HomePage />)
    expect(screen.getByText('你还没有加入支部')).toBeInTheDocument()
    fireEvent.click(screen.getByText('完善信息'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/profile/index' })
  })

  it('says 入支部申请审核中 while the request waits, and nothing once on the roster', () => {
    saveSession('token-40', {
      ...newcomer,
      joinRequest: {
        id: 5,
        status: 'pending',
        company: { id: 3, name: '云栈科技' },
        branch: { id: 3, name: '云栈科技党支部' },
        reason: null,
        createdAt: '2026-11-20T02:00:00.000Z',
      },
    })
    fakeApi(notices)
    const first = render(<HomePage />)
    expect(screen.getByText('入支部申请审核中')).toBeInTheDocument()
    first.unmount()

    saveSession('token-7', member)
    render(<HomePage />)
    expect(screen.queryByText('入支部申请审核中')).toBeNull()
    expect(screen.queryByText('你还没有加入支部')).toBeNull()
  })

  it('我的 leads secretaries to 支部成员 and park admins to 组织管理; everyone to 我的信息 and 隐私政策', async () => {
    saveSession('token-2', secretary)
    fakeApi({
      'GET /api/me': { status: 200, body: secretary },
      'GET /api/me/summary': { status: 200, body: meSummary(secretary) },
    })
    const first = render(<MePage />)
    fireEvent.click(await screen.findByText('支部成员'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/org/members/index' })
    expect(screen.queryByText('组织管理')).toBeNull()
    first.unmount()

    saveSession('token-1', parkAdmin)
    fakeApi({
      'GET /api/me': { status: 200, body: parkAdmin },
      'GET /api/me/summary': { status: 200, body: meSummary(parkAdmin) },
    })
    const second = render(<MePage />)
    fireEvent.click(await screen.findByText('组织管理'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/org/manage/index' })
    second.unmount()

    saveSession('token-7', member)
    fakeApi({
      'GET /api/me': { status: 200, body: member },
      'GET /api/me/summary': { status: 200, body: meSummary(member) },
    })
    render(<MePage />)
    expect(await screen.findByText('我的信息')).toBeInTheDocument()
    expect(screen.queryByText('支部成员')).toBeNull()
    expect(screen.queryByText('组织管理')).toBeNull()
    fireEvent.click(screen.getByText('隐私政策'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/privacy/policy/index' })
    // Three renders of 我的, two requests each.
  }, 20_000)

  it('我的信息 shows what the server keeps, the own phone number unmasked', async () => {
    saveSession('token-7', member)
    fakeApi({
      'GET /api/me': { status: 200, body: member },
      'GET /api/me/summary': {
        status: 200,
        body: meSummary(member, { signups: { confirmed: 2, waitlisted: 1 } }),
      },
    })
    render(<MyInfoPage />)
    expect(await screen.findByText('13800000007')).toBeInTheDocument()
    expect(screen.getByText('云栈科技党支部')).toBeInTheDocument()
    expect(screen.getByText('中共党员')).toBeInTheDocument()
    expect(screen.getByText('已报名 2 · 候补 1')).toBeInTheDocument()
  })
})
