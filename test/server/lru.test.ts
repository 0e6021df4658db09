import { LruMap } from '../../server/src/lru'

describe('LruMap', () => {
  it('keeps at most its capacity, dropping the entry used least recently', () => {
    const map = new LruMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    expect(map.get('a')).toBe(1) // a is now the most recent
    map.set('c', 3)
    expect(map.size).toBe(2)
    expect(map.get('b')).toBeUndefined()
    expect(map.get('a')).toBe(1)
    expect(map.get('c')).toBe(3)
  })

  it('leaves the order alone on peek, and a value set again takes its new place', () => {
    const map = new LruMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    expect(map.peek('a')).toBe(1) // a stays the oldest
    map.set('b', 20)
    map.set('c', 3)
    expect(map.peek('a')).toBeUndefined()
    expect([map.peek('b'), map.peek('c')]).toEqual([20, 3])
    map.delete('b')
    expect(map.size).toBe(1)
  })
})
