import { render, screen, waitFor } from '@testing-library/react'
import { VirtualList } from '..'

interface Row {
  id: number
  title: string
}

const rows = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: i + 1, title: `第${i + 1}条` }))

function List({ items }: { items: Row[] }) {
  return (
    <VirtualList
      items={items}
      itemKey={(item) => item.id}
      blockSize={20}
      renderItem={(item) => <p className="row">{item.title}</p>}
    />
  )
}

describe('VirtualList', () => {
  it('draws a list of one page whole', () => {
    const { container } = render(<List items={rows(20)} />)
    expect(container.querySelectorAll('.row')).toHaveLength(20)
    expect(container.querySelectorAll('.virtual-list__space')).toHaveLength(0)
  })

  it('draws the first few items of a page first and the rest of a short page a slice per task', async () => {
    const { container } = render(
      <VirtualList
        items={rows(10)}
        itemKey={(item) => item.id}
        firstDraw={4}
        renderItem={(item) => <p className="row">{item.title}</p>}
      />,
    )
    const drawn = () => container.querySelectorAll('.row').length
    expect(drawn()).toBe(4)
    expect(screen.getByText('第4条')).toBeInTheDocument()
    expect(screen.queryByText('第5条')).not.toBeInTheDocument()
    // Every commit's count, as the list grows.
    const counts: number[] = []
    const observer = new MutationObserver(() => counts.push(drawn()))
    observer.observe(container, { childList: true, subtree: true })
    await waitFor(() => expect(drawn()).toBe(10))
    observer.disconnect()
    // Never the rest at once after the first slice: 8, then 10.
    expect([...new Set(counts)].filter((count) => count !== 4)).toEqual([8, 10])
    expect(screen.getByText('第10条')).toBeInTheDocument()
    expect(container.querySelectorAll('.virtual-list__space')).toHaveLength(0)
  })

  it('draws the first page of a long list and keeps room for the rest', () => {
    const { container } = render(<List items={rows(65)} />)
    expect(screen.getByText('第1条')).toBeInTheDocument()
    expect(screen.getByText('第20条')).toBeInTheDocument()
    expect(screen.queryByText('第65条')).not.toBeInTheDocument()
    const drawn = container.querySelectorAll('.row').length
    expect(drawn).toBeLessThan(65)
    // Every block not drawn stands in as space of its estimated height, so the page keeps its length.
    const spaces = Array.from(container.querySelectorAll<HTMLElement>('.virtual-list__space'))
    expect(spaces.length).toBeGreaterThan(0)
    for (const space of spaces) expect(parseFloat(space.style.height)).toBeGreaterThan(0)
  })
})
