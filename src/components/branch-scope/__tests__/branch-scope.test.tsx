import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { fakeApi } from '../../../../test/client/fake-fetch'
import { BranchScope } from '..'

const BRANCHES = [
  { id: 3, name: '云栈科技党支部' },
  { id: 7, name: '码上通党支部' },
]

describe('BranchScope', () => {
  beforeEach(() => {
    fakeApi({ 'GET /api/branches': { status: 200, body: { items: BRANCHES, nextCursor: null } } })
  })

  it('lets a park admin address any branch from the list the server gives', async () => {
    const onChange = jest.fn()
    const { container } = render(<BranchScope value={null} onChange={onChange} parkLabel="全园区" />)
    expect(screen.getByLabelText('全园区，已选择')).toBeInTheDocument()
    const picker = container.querySelector('taro-picker-core') as Element
    await waitFor(() => expect(picker.getAttribute('disabled')).not.toBe('true'))
    fireEvent(picker, new CustomEvent('change', { bubbles: true, detail: { value: 1 } }))
    expect(onChange).toHaveBeenCalledWith(7)
  })

  it('shows the chosen branch and goes back to the whole park', async () => {
    const onChange = jest.fn()
    render(<BranchScope value={7} onChange={onChange} parkLabel="全园区" />)
    expect(await screen.findByLabelText('码上通党支部，已选择')).toBeInTheDocument()
    fireEvent.click(screen.getByLabelText('全园区'))
    expect(onChange).toHaveBeenCalledWith(null)
  })
})
