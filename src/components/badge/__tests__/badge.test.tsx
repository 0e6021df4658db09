import { render, screen } from '@testing-library/react'
import { Badge } from '..'

describe('Badge', () => {
  it('shows the count and an accessible label', () => {
    render(<Badge className="unread-badge" count={3} label="3条未读通知" />)
    const badge = screen.getByText('3')
    expect(badge).toHaveClass('unread-badge')
    expect(badge).toHaveAttribute('aria-label', '3条未读通知')
  })

  it('caps large numbers and disappears at zero', () => {
    const { container, rerender } = render(<Badge count={120} />)
    expect(screen.getByText('99+')).toBeInTheDocument()
    rerender(<Badge count={0} />)
    expect(container).toBeEmptyDOMElement()
  })
})
