import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { render, screen, waitFor } from '@testing-library/react'
import PickupPage from '@/packages/health/pickup'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { ceo, healthPackage } from '../fixtures'

function openPage(query: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params: query, path: '/packages/health/pickup/index' }
  return render(<PickupPage />)
}

describe('取件码', () => {
  beforeEach(() => {
    saveSession('token-3', ceo)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the code in large letters with its QR code and what to do with it', async () => {
    fakeApi({
      'GET /api/health-packages': {
        status: 200,
        body: {
          items: [healthPackage({ myClaim: { code: 'AB3DEF7H', status: 'claimed' } })],
          nextCursor: null,
        },
      },
    })
    const { container } = openPage({ id: '1', code: 'AB3DEF7H' })
    expect(container.querySelector('.pickup-code__text')).toHaveTextContent('AB3DEF7H')
    expect(container.querySelector('.qr-code')).toHaveAttribute('aria-label', '取件码二维码：AB3DEF7H')
    expect(screen.getByText('出示给园区工作人员核销')).toBeInTheDocument()
    expect(await screen.findByText('党员CEO健康大礼包（2026冬季）')).toBeInTheDocument()
  })

  it('finds the code from the server when opened without one, and says 已核销 once picked up', async () => {
    fakeApi({
      'GET /api/health-packages': {
        status: 200,
        body: {
          items: [healthPackage({ myClaim: { code: 'ZX9KMN4P', status: 'redeemed' } })],
          nextCursor: null,
        },
      },
    })
    const { container } = openPage({ id: '1' })
    await waitFor(() => expect(container.querySelector('.pickup-code__text')).toHaveTextContent('ZX9KMN4P'))
    expect(screen.getByText('已核销')).toBeInTheDocument()
    // The spent QR is visibly void.
    expect(screen.getByText('已核销 · 作废')).toBeInTheDocument()
    expect(document.querySelector('.pickup-code__qr--void')).not.toBeNull()
    expect(screen.queryByText('出示给园区工作人员核销')).toBeNull()
  })
})
