import { act, renderHook, waitFor } from '@testing-library/react'
import { usePagedList } from '@/hooks/use-paged-list'
import { ApiError } from '@/services/api-error'

type Row = { id: number }

const pages: Record<string, { items: Row[]; nextCursor: string | null }> = {
  first: { items: [{ id: 1 }, { id: 2 }], nextCursor: 'p2' },
  p2: { items: [{ id: 3 }], nextCursor: null },
}

describe('usePagedList', () => {
  it('loads the first page, then appends the next until there are no more', async () => {
    const fetchPage = jest.fn(async (cursor: string | null) => pages[cursor ?? 'first'])
    const { result } = renderHook(() => usePagedList<Row>(fetchPage))
    expect(result.current.loading).toBe(true)
    await waitFor(() => expect(result.current.loading).toBe(false))
    expect(result.current.items.map((row) => row.id)).toEqual([1, 2])
    expect(result.current.hasMore).toBe(true)

    await act(() => result.current.loadMore())
    expect(result.current.items.map((row) => row.id)).toEqual([1, 2, 3])
    expect(result.current.hasMore).toBe(false)

    await act(() => result.current.loadMore())
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('keeps the first-load error for the page to show, and a refresh clears it', async () => {
    let fail = true
    const fetchPage = jest.fn(async () => {
      if (fail) throw new ApiError(0, 'NETWORK_ERROR', '网络不给力，请稍后重试')
      return pages.first
    })
    const { result } = renderHook(() => usePagedList<Row>(fetchPage))
    await waitFor(() => expect(result.current.error?.code).toBe('NETWORK_ERROR'))
    expect(result.current.items).toEqual([])

    fail = false
    await act(() => result.current.refresh())
    expect(result.current.error).toBeNull()
    expect(result.current.items).toHaveLength(2)
  })

  it('changes items in place', async () => {
    const { result } = renderHook(() => usePagedList<Row>(async () => pages.first))
    await waitFor(() => expect(result.current.items).toHaveLength(2))
    act(() => result.current.update((rows) => rows.filter((row) => row.id !== 1)))
    expect(result.current.items).toEqual([{ id: 2 }])
  })

  it('starts over with a skeleton when the reset key changes', async () => {
    const fetchPage = jest.fn(async (cursor: string | null) => pages[cursor ?? 'first'])
    const { result, rerender } = renderHook(({ filter }) => usePagedList<Row>(fetchPage, filter), {
      initialProps: { filter: 'upcoming' },
    })
    await waitFor(() => expect(result.current.items).toHaveLength(2))
    rerender({ filter: 'past' })
    expect(result.current.loading).toBe(true)
    expect(result.current.items).toEqual([])
    await waitFor(() => expect(result.current.items).toHaveLength(2))
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('revalidate (a tab shown again): offline, the error replaces what was shown; 重试 brings it back', async () => {
    let offline = false
    const fetchPage = jest.fn(async () => {
      if (offline) throw new ApiError(0, 'NETWORK_ERROR', '网络不给力，请稍后重试')
      return pages.first
    })
    const { result } = renderHook(() => usePagedList<Row>(fetchPage))
    await waitFor(() => expect(result.current.items).toHaveLength(2))

    offline = true
    await act(() => result.current.revalidate())
    expect(result.current.items).toEqual([])
    expect(result.current.error?.message).toBe('网络不给力，请稍后重试')

    offline = false
    await act(() => result.current.refresh())
    expect(result.current.error).toBeNull()
    expect(result.current.items.map((row) => row.id)).toEqual([1, 2])
  })

  it('revalidate keeps the list when the server (not the network) fails, as a refresh does', async () => {
    let fail = false
    const fetchPage = jest.fn(async () => {
      if (fail) throw new ApiError(503, 'UNAVAILABLE', '服务维护中')
      return pages.first
    })
    const { result } = renderHook(() => usePagedList<Row>(fetchPage))
    await waitFor(() => expect(result.current.items).toHaveLength(2))
    fail = true
    await act(() => result.current.revalidate())
    expect(result.current.items).toHaveLength(2)
    expect(result.current.error).toBeNull()
  })
})
