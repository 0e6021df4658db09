import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import CourseEditPage from '@/packages/admin/course-edit'
import EventEditPage from '@/packages/admin/event-edit'
import MaterialEditPage from '@/packages/admin/material-edit'
import NoticeNewPage from '@/packages/admin/notice-new'
import PackageNewPage from '@/packages/admin/package-new'
import { fakeApi } from '../fake-fetch'
import { parkAdmin, signIn } from '../fixtures'

// Every form that takes a title says how many characters are left: typed/allowed, under the field.
const FORMS: Array<[string, ComponentType, string, string, Record<string, string>]> = [
  ['发布活动', EventEditPage, '/packages/admin/event-edit/index', '.event-form__title', {}],
  ['发布通知', NoticeNewPage, '/packages/admin/notice-new/index', '.notice-form__title', {}],
  ['新建课程', CourseEditPage, '/packages/admin/course-edit/index', '.course-form__title', {}],
  [
    '学习资料',
    MaterialEditPage,
    '/packages/admin/material-edit/index',
    '.material-form__title',
    { courseId: '5' },
  ],
  ['新建大礼包批次', PackageNewPage, '/packages/admin/package-new/index', '.package-form__name', {}],
]

describe('title fields count their characters', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
    // Under jsdom the input web component has no inner <input> for a controlled value to go to.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
    fakeApi({ 'GET /api/categories': { status: 200, body: [{ code: 'salon', name: '青创沙龙' }] } })
  })
  afterEach(() => jest.restoreAllMocks())

  it.each(FORMS)('%s: 0/100, then 12/100 as the title is typed', async (_name, Page, path, field, params) => {
    signIn('token-9', parkAdmin)
    ;(Current as { router: unknown }).router = { params, path }
    const { container } = render(<Page />)
    const counter = () => container.querySelector('.admin-form__counter')
    await waitFor(() => expect(counter()).toHaveTextContent('0/100'))
    const input = container.querySelector(field) as Element
    fireEvent(
      input,
      new CustomEvent('input', { bubbles: true, detail: { value: '青年党员读书班第二期导读' } }),
    )
    await waitFor(() => expect(counter()).toHaveTextContent('12/100'))
  })
})
