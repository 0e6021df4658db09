import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import RedeemPage from '@/packages/admin/redeem'
import { fakeApi } from '../fake-fetch'
import { member, parkAdmin, signIn } from '../fixtures'

function typeCode(container: HTMLElement, value: string) {
  const input = container.querySelector('.redeem-page__input') as HTMLElement
  fireEvent(input, new CustomEvent('input', { bubbles: true, detail: { value } }))
}

describe('核销取件码', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    // Under jsdom the input web component renders no inner <input>, so a controlled value it is
    // handed back has nowhere to go; browsers and the mini-program are unaffected.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('redeems a typed code and names the member', async () => {
    signIn('token-9', parkAdmin)
    const calls = fakeApi({
      'POST /api/health-packages/redeem': {
        status: 200,
        body: { code: 'AB3DEF7H', status: 'redeemed', member: { id: 3, name: '王总' } },
      },
    })
    const { container } = render(<RedeemPage />)
    // H5 has no scanner: typing is the way.
    expect(screen.queryByText('扫码核销')).toBeNull()
    typeCode(container, 'ab3d-ef7h')
    fireEvent.click(screen.getByText('核销'))
    expect(await screen.findByText('核销成功 · 王总')).toBeInTheDocument()
    expect(calls[0].body).toEqual({ code: 'AB3DEF7H' })
  })

  it.each([
    [404, 'NOT_FOUND', '核销码不存在', '取件码不存在'],
    [409, 'ALREADY_REDEEMED', '该核销码已核销', '取件码已核销'],
  ])('answers %i %s with “%s”', async (status, code, shown, message) => {
    signIn('token-9', parkAdmin)
    fakeApi({ 'POST /api/health-packages/redeem': { status, body: { error: { code, message } } } })
    const { container } = render(<RedeemPage />)
    typeCode(container, 'ZZZZ9999')
    fireEvent.click(screen.getByText('核销'))
    await waitFor(() => expect(container.querySelector('.redeem-result--error')).toHaveTextContent(shown))
  })

  it('is only for park admins', () => {
    signIn('token-1', member)
    render(<RedeemPage />)
    expect(screen.getByText('仅园区管理员可以核销取件码')).toBeInTheDocument()
  })
})
