import { fireEvent, render, screen } from '@testing-library/react'
import { Button } from '../index'

describe('Button', () => {
  it('loading: a spinner, aria-busy, and taps ignored without a separate disabled', () => {
    const onClick = jest.fn()
    const { container, rerender } = render(
      <Button loading onClick={onClick}>
        保存
      </Button>,
    )
    const button = screen.getByRole('button', { name: '保存' })
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('aria-busy', 'true')
    expect(container.querySelector('.app-button__spinner')).not.toBeNull()
    fireEvent.click(button)
    expect(onClick).not.toHaveBeenCalled()

    rerender(
      <Button loading={false} onClick={onClick}>
        保存
      </Button>,
    )
    expect(button).toBeEnabled()
    expect(button).not.toHaveAttribute('aria-busy')
    fireEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
  })
})
