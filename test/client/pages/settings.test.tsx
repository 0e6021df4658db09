import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import PointsPage from '@/packages/me/points'
import SettingsPage from '@/packages/me/settings'
import { applyStoredCareMode, isCareMode } from '@/stores/care-mode'
import { getSession, saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member } from '../fixtures'

describe('设置: 关怀模式 and 退出登录', () => {
  beforeEach(() => {
    saveSession('token-7', member)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.restoreAllMocks()
    document.documentElement.classList.remove('care-mode')
  })

  it('switches care mode on, keeps it on the device and marks the page roots', async () => {
    const { container, unmount } = render(<SettingsPage />)
    const row = container.querySelector('.settings__care') as HTMLElement
    expect(row.getAttribute('aria-checked')).toBe('false')
    expect(container.querySelector('.settings__care-switch')).toHaveTextContent('关')

    fireEvent.click(row)
    expect(row.getAttribute('aria-checked')).toBe('true')
    expect(container.querySelector('.settings__care-switch--on')).toHaveTextContent('开')
    expect(container.querySelector('.settings')).toHaveClass('care-mode')
    expect(document.documentElement).toHaveClass('care-mode')
    expect(isCareMode()).toBe(true)
    unmount()

    // A fresh start reads the stored choice; every page shell carries the class.
    document.documentElement.classList.remove('care-mode')
    applyStoredCareMode()
    expect(document.documentElement).toHaveClass('care-mode')
    fakeApi({
      'GET /api/me/points': { status: 200, body: { total: 0, today: 0, items: [], nextCursor: null } },
      'GET /api/points/rules': { status: 200, body: [] },
    })
    const points = render(<PointsPage />)
    expect(points.container.querySelector('.page-shell')).toHaveClass('care-mode')
    await screen.findByText('还没有积分记录')
    points.unmount()

    // And off again.
    const again = render(<SettingsPage />)
    fireEvent.click(again.container.querySelector('.settings__care') as HTMLElement)
    expect(isCareMode()).toBe(false)
    expect(document.documentElement).not.toHaveClass('care-mode')
    expect(again.container.querySelector('.settings')).not.toHaveClass('care-mode')
  })

  it('outlives logging out', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    render(<SettingsPage />)
    fireEvent.click(screen.getByRole('switch'))
    fireEvent.click(screen.getByText('退出登录'))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
    expect(getSession()).toBeNull()
    expect(isCareMode()).toBe(true)
  })
})
