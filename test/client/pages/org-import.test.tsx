import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MemberImportPage from '@/packages/org/import'
import { fakeApi } from '../fake-fetch'
import { secretary, signIn } from '../fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

const CSV =
  '姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期\n周敏,13900000021,云栈科技,云栈科技党支部,群众,否,\n'

describe('导入名册', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows a failing dry run line by line and offers no import', async () => {
    signIn('token-2', secretary)
    const calls = fakeApi({
      'POST /api/members/import': {
        status: 200,
        body: {
          created: 0,
          updated: 0,
          unchanged: 0,
          dryRun: true,
          errors: [
            { line: 2, message: '手机号格式不正确' },
            { line: 3, message: '支部「海豚互娱党支部」不是你的支部' },
          ],
        },
      },
    })
    const { container } = render(<MemberImportPage />)
    fire(container.querySelector('.member-import__text') as Element, 'input', CSV)
    fireEvent.click(screen.getByText('预检'))
    expect(await screen.findByText('有 2 行需要修改，整个文件都没有导入')).toBeInTheDocument()
    expect(screen.getByText('第2行：手机号格式不正确')).toBeInTheDocument()
    expect(screen.getByText('第3行：支部「海豚互娱党支部」不是你的支部')).toBeInTheDocument()
    expect(screen.queryByText('确认导入')).toBeNull()
    expect(calls[0].url).toContain('dryRun=1')
    expect(calls[0].headers['Content-Type']).toContain('text/csv')
    expect(calls[0].body).toBe(CSV)
  })

  it('imports after a clean dry run', async () => {
    signIn('token-2', secretary)
    const calls = fakeApi({
      'POST /api/members/import': (call) => ({
        status: 200,
        body: {
          created: 1,
          updated: 0,
          unchanged: 3,
          dryRun: call.url.includes('dryRun=1'),
          errors: [],
        },
      }),
    })
    const { container } = render(<MemberImportPage />)
    fire(container.querySelector('.member-import__text') as Element, 'input', CSV)
    fireEvent.click(screen.getByText('预检'))
    expect(await screen.findByText('预检通过，可以导入')).toBeInTheDocument()
    expect(screen.getByText(/将新增 1 人 · 更新 0 人 · 不变 3 人/)).toBeInTheDocument()
    fireEvent.click(screen.getByText('确认导入'))
    expect(await screen.findByText('导入完成')).toBeInTheDocument()
    await waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[1].url).not.toContain('dryRun')
    expect(screen.getByText('返回名册')).toBeInTheDocument()
  }, 20_000)
})
