import { fireEvent, render, screen } from '@testing-library/react'
import { MenuGroup, MenuItem } from '..'

describe('MenuGroup / MenuItem', () => {
  it('shows the title, label and hint, and reports a tap', () => {
    const onClick = jest.fn()
    const { container } = render(
      <MenuGroup title="支部管理">
        <MenuItem
          label="我的报名"
          hint="已报名 2 · 候补 1"
          onClick={onClick}
          className="menu-item--signups"
        />
      </MenuGroup>,
    )
    expect(screen.getByText('支部管理')).toBeInTheDocument()
    expect(container.querySelector('.menu-item--signups')).toHaveTextContent('已报名 2 · 候补 1')
    fireEvent.click(screen.getByText('我的报名'))
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('leaves the hint out when there is none', () => {
    const { container } = render(<MenuItem label="设置" onClick={() => undefined} />)
    expect(container.querySelector('.menu-item__hint')).toBeNull()
  })
})
