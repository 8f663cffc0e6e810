// The cap on requests in flight that the batch page shares between all its rows.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRequestLimiter } from '../../src/jobs/request-limiter.ts'

afterEach(() => {
  vi.useRealTimers()
})

/** Lets every settled promise run its callbacks. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** A deterministic pseudo-random sequence in [0, 1) (Park–Miller), so a failing run replays. */
function randomSequence(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 48_271) % 2_147_483_647
    return (state - 1) / 2_147_483_646
  }
}

describe('createRequestLimiter', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a cap of %s', (max) => {
    expect(() => createRequestLimiter(max)).toThrow(RangeError)
  })

  it.each([1, 6])('accepts a cap of %s', (max) => {
    const limiter = createRequestLimiter(max)
    expect(limiter.inFlight).toBe(0)
    expect(limiter.waiting).toBe(0)
  })

  it.each([1, 3, 6])(
    'with a cap of %i, 50 requests with random hold times never exceed it, use all of it, and all finish',
    async (max) => {
      vi.useFakeTimers()
      const limiter = createRequestLimiter(max)
      const random = randomSequence(max)
      let running = 0
      let highest = 0
      let finished = 0

      const requests = Array.from({ length: 50 }, async () => {
        const release = await limiter.acquire()
        running += 1
        highest = Math.max(highest, running)
        expect(limiter.inFlight).toBeLessThanOrEqual(max)
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(random() * 100)))
        running -= 1
        finished += 1
        release()
      })
      await vi.advanceTimersByTimeAsync(50 * 100)
      await Promise.all(requests)

      expect(highest).toBe(max)
      expect(finished).toBe(50)
      expect(limiter.inFlight).toBe(0)
      expect(limiter.waiting).toBe(0)
    },
  )

  it('grants waiting requests in the order they asked (FIFO)', async () => {
    const limiter = createRequestLimiter(1)
    const first = await limiter.acquire()
    const granted: number[] = []
    const releases = new Map<number, () => void>()
    for (const n of [1, 2, 3, 4, 5]) {
      void limiter.acquire().then((release) => {
        granted.push(n)
        releases.set(n, release)
      })
    }
    expect(limiter.waiting).toBe(5)

    first()
    for (const n of [1, 2, 3, 4, 5]) {
      await flush()
      expect(granted).toEqual([1, 2, 3, 4, 5].slice(0, n))
      releases.get(n)?.()
    }
    expect(limiter.inFlight).toBe(0)
  })

  it('frees one slot however often a release function is called', async () => {
    const limiter = createRequestLimiter(1)
    const release = await limiter.acquire()
    const granted: string[] = []
    void limiter.acquire().then(() => granted.push('second'))
    void limiter.acquire().then(() => granted.push('third'))

    release()
    release()
    release()
    await flush()

    expect(granted).toEqual(['second'])
    expect(limiter.inFlight).toBe(1)
    expect(limiter.waiting).toBe(1)
  })

  it('drops an aborted waiter from the queue, rejecting with an AbortError, without taking a slot', async () => {
    const limiter = createRequestLimiter(1)
    const holder = await limiter.acquire()
    const controller = new AbortController()
    const aborted = limiter.acquire(controller.signal)
    const granted: string[] = []
    void limiter.acquire().then(() => granted.push('next'))
    expect(limiter.waiting).toBe(2)

    controller.abort()

    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect(limiter.waiting).toBe(1)
    expect(limiter.inFlight).toBe(1)

    holder()
    await flush()
    expect(granted).toEqual(['next'])
    expect(limiter.inFlight).toBe(1)
    expect(limiter.waiting).toBe(0)
  })

  it('rejects with the abort reason when the signal carries one', async () => {
    const limiter = createRequestLimiter(1)
    await limiter.acquire()
    const controller = new AbortController()
    const waiting = limiter.acquire(controller.signal)
    const reason = new Error('query cancelled')

    controller.abort(reason)

    await expect(waiting).rejects.toBe(reason)
  })

  it.each([
    ['a slot is free', 1],
    ['every slot is taken', 0],
  ])('rejects an already-aborted signal at once when %s', async (_, free) => {
    const limiter = createRequestLimiter(1)
    if (free === 0) await limiter.acquire()
    const inFlightBefore = limiter.inFlight

    await expect(limiter.acquire(AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(limiter.inFlight).toBe(inFlightBefore)
    expect(limiter.waiting).toBe(0)
  })

  it('keeps a slot granted to a waiter even if its signal aborts afterwards', async () => {
    const limiter = createRequestLimiter(1)
    const holder = await limiter.acquire()
    const controller = new AbortController()
    const waiting = limiter.acquire(controller.signal)
    holder()
    const release = await waiting

    controller.abort()
    await flush()
    expect(limiter.inFlight).toBe(1)

    release()
    expect(limiter.inFlight).toBe(0)
  })
})
