import { act, renderHook } from '@testing-library/react'
import { isCareMode, setCareMode, useCareModeClass } from '@/stores/care-mode'

describe('care mode store', () => {
  afterEach(() => document.documentElement.classList.remove('care-mode'))

  it('is off until switched on, and tells its users', () => {
    expect(isCareMode()).toBe(false)
    const { result } = renderHook(() => useCareModeClass())
    expect(result.current).toBe('')
    act(() => setCareMode(true))
    expect(result.current).toBe('care-mode')
    expect(isCareMode()).toBe(true)
    act(() => setCareMode(false))
    expect(result.current).toBe('')
  })
})
