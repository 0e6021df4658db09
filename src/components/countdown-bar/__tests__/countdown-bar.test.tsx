import { act, render } from '@testing-library/react'
import { CountdownBar } from '..'

describe('CountdownBar', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }))
  afterEach(() => jest.useRealTimers())

  it('empties as the period runs out and says the seconds left', () => {
    const { container } = render(<CountdownBar startedAt={1_000_000} endsAt={1_010_000} />)
    const fill = () => (container.querySelector('.countdown-bar__fill') as HTMLElement).style.width
    expect(container.querySelector('.countdown-bar__label')).toHaveTextContent('10秒后刷新')
    expect(fill()).toBe('100.0%')

    act(() => {
      jest.advanceTimersByTime(2_500)
    })
    expect(container.querySelector('.countdown-bar__label')).toHaveTextContent('8秒后刷新')
    expect(fill()).toBe('75.0%')

    act(() => {
      jest.advanceTimersByTime(20_000)
    })
    expect(container.querySelector('.countdown-bar__label')).toHaveTextContent('0秒后刷新')
    expect(fill()).toBe('0.0%')
  })
})
