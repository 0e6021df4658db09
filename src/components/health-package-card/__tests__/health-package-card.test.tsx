import { fireEvent, render, screen } from '@testing-library/react'
import type { HealthPackage } from '../../../../types/api'
import { HealthPackageCard } from '..'

function batch(overrides: Partial<HealthPackage> = {}): HealthPackage {
  return {
    id: 1,
    name: '党员CEO健康大礼包（2026冬季）',
    description: '年度体检套餐一份、中医理疗体验券两张。',
    stock: 10,
    remaining: 6,
    claimStart: '2026-11-22T01:00:00.000Z',
    claimEnd: '2026-12-09T10:00:00.000Z',
    status: 'open',
    eligible: true,
    ineligibleReason: null,
    myClaim: null,
    ...overrides,
  }
}

function renderCard(overrides: Partial<HealthPackage> = {}, handlers = {}) {
  const utils = render(<HealthPackageCard batch={batch(overrides)} {...handlers} />)
  const card = utils.container.querySelector('.health-package-card') as HTMLElement
  return {
    ...utils,
    card,
    action: card.querySelector('.health-package-card__action'),
    state: card.querySelector('.health-package-card__state'),
  }
}

describe('HealthPackageCard', () => {
  it('offers 领取 to an eligible CEO while stock lasts, with stock and claim window', () => {
    const onClaim = jest.fn()
    const { card, action, state } = renderCard({}, { onClaim })
    expect(card).toHaveTextContent('党员CEO健康大礼包（2026冬季）')
    expect(card).toHaveTextContent('剩余 6 / 共 10 份')
    expect(card).toHaveTextContent('领取时间：11月22日 周日 09:00 至 12月9日 周三 18:00')
    expect(action).toHaveTextContent('领取')
    expect(state).toBeNull()
    fireEvent.click(action as Element)
    expect(onClaim).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }))
  })

  it('after a claim says 已领取 and shows the code on tap', () => {
    const onShowCode = jest.fn()
    const { action, state } = renderCard({ myClaim: { code: 'AB3DEF7H', status: 'claimed' } }, { onShowCode })
    expect(state).toHaveTextContent('已领取')
    expect(action).toHaveTextContent('查看取件码')
    fireEvent.click(action as Element)
    expect(onShowCode).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }), 'AB3DEF7H')
  })

  it('says 已核销 once picked up', () => {
    const { state } = renderCard({ myClaim: { code: 'AB3DEF7H', status: 'redeemed' } })
    expect(state).toHaveTextContent('已核销')
  })

  it('says 已抢完 when the server says sold out and I have none, with no 领取 button', () => {
    const { action, state } = renderCard({ remaining: 0, status: 'sold_out' })
    expect(state).toHaveTextContent('已抢完')
    expect(action).toBeNull()
  })

  it('says what the server says about the window: 未开始, 已结束 — even for a batch that also ran out', () => {
    const early = renderCard({ status: 'not_started' })
    expect(early.state).toHaveTextContent('未开始')
    expect(early.action).toBeNull()
    early.unmount()
    const late = renderCard({ status: 'ended', remaining: 0 })
    expect(late.state).toHaveTextContent('已结束')
    expect(late.action).toBeNull()
  })

  it('offers 领取 only when the server says open, whatever the times on the device', () => {
    const { action } = renderCard({ status: 'open', claimEnd: '2000-01-01T00:00:00.000Z' })
    expect(action).toHaveTextContent('领取')
  })

  it('shows a non-CEO why they are not eligible, with no button', () => {
    const { action, state } = renderCard({ eligible: false, ineligibleReason: '仅限园区企业党员CEO领取' })
    expect(state).toHaveTextContent('仅限园区企业党员CEO领取')
    expect(action).toBeNull()
    expect(screen.queryByText('领取')).toBeNull()
  })

  it('ignores taps while a claim is on its way', () => {
    const onClaim = jest.fn()
    const { action } = renderCard({}, { onClaim, claiming: true })
    expect(action).toBeDisabled()
    expect(action).toHaveAttribute('aria-busy', 'true')
    fireEvent.click(action as Element)
    expect(onClaim).not.toHaveBeenCalled()
  })
})
