import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { CardScanner } from '..'

function paste(container: HTMLElement, value: string) {
  const input = container.querySelector('.card-scanner__input') as HTMLElement
  fireEvent(input, new CustomEvent('input', { bubbles: true, detail: { value } }))
}

describe('CardScanner (browser)', () => {
  beforeEach(() => {
    // The textarea web component has no inner <textarea> under jsdom.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('hands over the pasted payload, trimmed', async () => {
    const onPayload = jest.fn(async () => true)
    const { container } = render(<CardScanner scanText="扫码核验" submitText="核验" onPayload={onPayload} />)
    expect(screen.queryByText('扫码核验')).toBeNull()
    paste(container, '  REDE1.abc.def \n')
    fireEvent.click(screen.getByText('核验'))
    await waitFor(() => expect(onPayload).toHaveBeenCalledWith('REDE1.abc.def'))
  })

  it('asks for a payload instead of sending an empty one', () => {
    const onPayload = jest.fn()
    render(<CardScanner scanText="扫码核验" submitText="核验" onPayload={onPayload} />)
    fireEvent.click(screen.getByText('核验'))
    expect(screen.getByText('请先粘贴名片二维码内容')).toBeInTheDocument()
    expect(onPayload).not.toHaveBeenCalled()
  })
})
