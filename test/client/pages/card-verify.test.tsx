import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import CardVerifyPage from '@/packages/admin/card-verify'
import { fakeApi } from '../fake-fetch'
import { member, secretary, signIn } from '../fixtures'

const PAYLOAD = 'REDE1.WzcsMTc2NDA1MjQwMF0.c2lnbmF0dXJl'

function paste(container: HTMLElement, value: string) {
  const input = container.querySelector('.card-scanner__input') as HTMLElement
  fireEvent(input, new CustomEvent('input', { bubbles: true, detail: { value } }))
}

describe('名片核验', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    // Under jsdom the textarea web component renders no inner <textarea>, so a controlled value it
    // is handed back has nowhere to go; browsers and the mini-program are unaffected.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows who a pasted card belongs to', async () => {
    signIn('token-2', secretary)
    const calls = fakeApi({
      'POST /api/cards/verify': {
        status: 200,
        body: {
          member: {
            id: 7,
            name: '林晓帆',
            branch: { id: 3, name: '云栈科技党支部' },
            politicalStatus: 'probationary',
          },
        },
      },
    })
    const { container } = render(<CardVerifyPage />)
    // The browser has no scanner: pasting is the way.
    expect(screen.queryByText('扫码核验')).toBeNull()
    paste(container, `  ${PAYLOAD}\n`)
    fireEvent.click(screen.getByText('核验'))
    await waitFor(() => expect(container.querySelector('.card-verify__result--ok') !== null).toBe(true))
    const result = container.querySelector('.card-verify__result--ok')
    expect(result).toHaveTextContent('名片有效')
    expect(result).toHaveTextContent('林晓帆')
    expect(result).toHaveTextContent('云栈科技党支部')
    expect(result).toHaveTextContent('中共预备党员')
    expect(calls[0].body).toEqual({ payload: PAYLOAD })
  })

  it.each([
    ['CARD_EXPIRED', '名片已过期', '名片二维码已过期'],
    ['CARD_INVALID', '名片无效', '名片二维码无效'],
  ])('answers 422 %s with “%s”', async (code, shown, message) => {
    signIn('token-2', secretary)
    fakeApi({ 'POST /api/cards/verify': { status: 422, body: { error: { code, message } } } })
    const { container } = render(<CardVerifyPage />)
    paste(container, PAYLOAD)
    fireEvent.click(screen.getByText('核验'))
    await waitFor(() =>
      expect(container.querySelector('.card-verify__result--error')?.textContent ?? '').toContain(shown),
    )
    expect(container.querySelector('.card-verify__name')).toBeNull()
  })

  it('asks for a payload before sending anything', () => {
    signIn('token-2', secretary)
    const calls = fakeApi({})
    render(<CardVerifyPage />)
    fireEvent.click(screen.getByText('核验'))
    expect(screen.getByText('请先粘贴名片二维码内容')).toBeInTheDocument()
    expect(calls).toHaveLength(0)
  })

  it('is only for secretaries and park admins', () => {
    signIn('token-7', member)
    render(<CardVerifyPage />)
    expect(screen.getByText('仅支部书记和园区管理员可以核验名片')).toBeInTheDocument()
    expect(screen.queryByText('核验')).toBeNull()
  })
})
