// The app's timers, on a clock the test moves: a timer fires when settle() reaches it (timers due
// within a frame, like React's and Taro's scheduling) or when the test waits past it. Nothing here
// depends on how fast the machine is, and a closed app leaves no timer behind.

interface Timer {
  id: number
  due: number
  fn: () => void
  every: number | null
}

export class Clock {
  /** Virtual milliseconds since launch. */
  now = 0
  private readonly timers = new Map<number, Timer>()
  private nextId = 1

  constructor(private readonly run: (label: string, fn: () => void) => void) {}

  setTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]): number => this.add(fn, ms, args, false)
  setInterval = (fn: unknown, ms?: unknown, ...args: unknown[]): number => this.add(fn, ms, args, true)
  clearTimeout = (id: unknown) => {
    this.timers.delete(Number(id))
  }
  clearInterval = (id: unknown) => {
    this.timers.delete(Number(id))
  }

  private add(fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    if (typeof fn !== 'function') throw new TypeError('setTimeout/setInterval needs a function')
    const delay = Math.max(0, Number(ms) || 0)
    const id = this.nextId++
    const call = () => (fn as (...a: unknown[]) => void)(...args)
    this.timers.set(id, { id, due: this.now + delay, fn: call, every: repeat ? Math.max(1, delay) : null })
    return id
  }

  /** The earliest timer due by `until`, if any. */
  private earliest(until: number): Timer | null {
    let first: Timer | null = null
    for (const timer of this.timers.values()) {
      if (timer.due <= until && (!first || timer.due < first.due)) first = timer
    }
    return first
  }

  /** Fires the earliest timer due by `until` (moving the clock to it); false when there is none. */
  fireNext(until: number): boolean {
    const timer = this.earliest(until)
    if (!timer) return false
    this.now = Math.max(this.now, timer.due)
    if (timer.every === null) this.timers.delete(timer.id)
    else timer.due = this.now + timer.every
    this.run(`timer ${timer.id}`, timer.fn)
    return true
  }

  get pending(): number {
    return this.timers.size
  }

  dispose() {
    this.timers.clear()
  }
}
