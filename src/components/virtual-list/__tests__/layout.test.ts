import { blockBounds, visibleBlocks } from '../layout'

describe('virtual list layout', () => {
  it('splits a list into blocks of a page, the last one shorter', () => {
    expect(blockBounds(45, 20)).toEqual([
      [0, 20],
      [20, 40],
      [40, 45],
    ])
    expect(blockBounds(0, 20)).toEqual([])
  })

  // Five blocks of 1000 px each under a 200 px header, on an 800 px screen.
  const heights = [1000, 1000, 1000, 1000, 1000]

  it('draws the blocks on screen and one screen around them', () => {
    expect(visibleBlocks(heights, 200, 0, 800)).toEqual({ first: 0, last: 1 })
    // Scrolled into the third block: the second is still within a screen above, the fourth below.
    expect(visibleBlocks(heights, 200, 2400, 800)).toEqual({ first: 1, last: 3 })
  })

  it('keeps the last block when the page is scrolled past every block', () => {
    expect(visibleBlocks(heights, 200, 99_000, 800)).toEqual({ first: 4, last: 4 })
  })
})
