// The cap on requests in flight that the batch page shares between all its rows.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CATCH_UP_SECONDS,
  PACING_SHARE,
  createRequestLimiter,
} from '../../src/jobs/request-limiter.ts'

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

/**
 * nginx's limit_req (leaky bucket): the excess drains at the rate and grows by one per request
 * beyond it; a request that would take it past the burst is answered 429. Returns the largest
 * excess the arrivals (ms, sorted) reach.
 */
function nginxPeakExcess(arrivals: readonly number[], perSecond: number): number {
  let excess = 0
  let peak = 0
  let last = arrivals[0] ?? 0
  for (const at of arrivals) {
    excess = Math.max(0, excess - ((at - last) * perSecond) / 1000)
    peak = Math.max(peak, excess)
    excess += 1
    last = at
  }
  return peak
}

describe('createRequestLimiter with a rate (config.json rateLimit.perSecond)', () => {
  /** Starts `count` requests that finish after `holdMs`; returns when each one started (ms). */
  async function startTimes(
    perSecond: number,
    count: number,
    { maxInFlight = 6, holdMs = 0 } = {},
  ): Promise<number[]> {
    vi.useFakeTimers({ now: 0 })
    const limiter = createRequestLimiter(maxInFlight, { perSecond })
    const started: number[] = []
    const requests = Array.from({ length: count }, async () => {
      const release = await limiter.acquire()
      started.push(Date.now())
      expect(limiter.inFlight).toBeLessThanOrEqual(maxInFlight)
      await new Promise((resolve) => setTimeout(resolve, holdMs))
      release()
    })
    await vi.advanceTimersByTimeAsync((count / perSecond) * 1000 * 2 + count * holdMs)
    await Promise.all(requests)
    return started
  }

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %s', (perSecond) => {
    expect(() => createRequestLimiter(6, { perSecond })).toThrow(RangeError)
  })

  it.each([undefined, null])('does not pace with a rate of %s', async (perSecond) => {
    const limiter = createRequestLimiter(100, { perSecond })
    const releases = await Promise.all(Array.from({ length: 100 }, () => limiter.acquire()))
    expect(limiter.inFlight).toBe(100)
    for (const release of releases) release()
  })

  it('starts the first request at once', async () => {
    const limiter = createRequestLimiter(6, { perSecond: 20 })
    let started = false
    void limiter.acquire().then(() => (started = true))
    await Promise.resolve()
    expect(started).toBe(true)
  })

  /** Most starts in any window of `windowMs` beginning at a start. */
  function busiestWindow(started: readonly number[], windowMs: number): number {
    return Math.max(
      ...started.map((from) => started.filter((at) => at >= from && at < from + windowMs).length),
    )
  }

  it.each<[number, number]>([
    [1, 5],
    [5, 30],
    [20, 100],
    [100, 300],
  ])(
    'at %i per second, %i requests start no faster than 90 per cent of it, after a quarter second at once',
    async (perSecond, count) => {
      const pace = perSecond * PACING_SHARE
      const atOnce = Math.max(1, Math.floor(pace * CATCH_UP_SECONDS))
      const started = await startTimes(perSecond, count)

      expect(started).toHaveLength(count)
      // A token bucket: in any window, at most what it holds plus what it earns meanwhile.
      for (const windowMs of [50, 250, 1_000, 5_000]) {
        expect(busiestWindow(started, windowMs), `${windowMs} ms`).toBeLessThanOrEqual(
          atOnce + Math.ceil((pace * windowMs) / 1000),
        )
      }
      expect(started[0]).toBe(0)
      // …and no slower: the last one starts when the tokens for all the others have been earned.
      const last = started.at(-1) ?? 0
      expect(last).toBeGreaterThanOrEqual(((count - atOnce) / pace) * 1000 - 1)
      expect(last).toBeLessThanOrEqual(((count - atOnce) / pace) * 1000 + count)
    },
  )

  it('catches up after the page fell behind, by at most a quarter second of starts', async () => {
    vi.useFakeTimers({ now: 0 })
    const limiter = createRequestLimiter(100, { perSecond: 20 })
    const atOnce = Math.floor(20 * PACING_SHARE * CATCH_UP_SECONDS)
    // Use the bucket up, then nothing for two seconds (a busy main thread, a hidden tab).
    for (let n = 0; n < atOnce; n += 1) (await limiter.acquire())()
    await vi.advanceTimersByTimeAsync(2_000)

    const started: number[] = []
    const requests = Array.from({ length: 20 }, () =>
      limiter.acquire().then((release) => {
        started.push(Date.now())
        release()
      }),
    )
    await vi.advanceTimersByTimeAsync(2_000)
    await Promise.all(requests)
    expect(started.filter((at) => at === 2_000)).toHaveLength(atOnce)
    expect(busiestWindow(started, 1_000)).toBeLessThanOrEqual(atOnce + 18)
  })

  it.each<[number, number, number]>([
    [20, 6, 400],
    [20, 1, 10],
    [100, 3, 250],
  ])(
    'at %i per second keeps the cap of %i in flight when each request takes %i ms',
    async (perSecond, maxInFlight, holdMs) => {
      const started = await startTimes(perSecond, 40, { maxInFlight, holdMs })
      expect(started).toHaveLength(40)
      // The slower of the two limits sets the pace (less what the bucket held at the start).
      const slowest = Math.max(1000 / (perSecond * PACING_SHARE), holdMs / maxInFlight)
      const atOnce = Math.floor(perSecond * PACING_SHARE * CATCH_UP_SECONDS)
      expect(started.at(-1)).toBeGreaterThanOrEqual(
        (40 - Math.max(atOnce, maxInFlight)) * slowest - holdMs,
      )
    },
  )

  it('keeps the order of waiting requests while pacing', async () => {
    vi.useFakeTimers({ now: 0 })
    const limiter = createRequestLimiter(6, { perSecond: 10 })
    const order: number[] = []
    const requests = [1, 2, 3, 4, 5].map((n) =>
      limiter.acquire().then((release) => {
        order.push(n)
        release()
      }),
    )
    await vi.advanceTimersByTimeAsync(1_000)
    await Promise.all(requests)
    expect(order).toEqual([1, 2, 3, 4, 5])
  })

  it('drops an aborted paced waiter, and the next one still waits its turn', async () => {
    vi.useFakeTimers({ now: 0 })
    const limiter = createRequestLimiter(6, { perSecond: 10 })
    const interval = 1000 / (10 * PACING_SHARE)
    // Empty the bucket.
    for (let n = 0; n < Math.floor(10 * PACING_SHARE * CATCH_UP_SECONDS); n += 1) {
      ;(await limiter.acquire())()
    }
    const controller = new AbortController()
    const aborted = limiter.acquire(controller.signal)
    let nextAt: number | undefined
    void limiter.acquire().then(() => (nextAt = Date.now()))
    expect(limiter.waiting).toBe(2)

    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect(limiter.waiting).toBe(1)

    await vi.advanceTimersByTimeAsync(interval - 5)
    expect(nextAt).toBeUndefined()
    await vi.advanceTimersByTimeAsync(10)
    expect(nextAt).toBeGreaterThanOrEqual(interval - 1)
    expect(limiter.waiting).toBe(0)
  })

  it.each([5, 20, 50])(
    'at %i per second, with up to 100 ms of network jitter, never overflows nginx (burst 2× rate)',
    async (perSecond) => {
      const random = randomSequence(perSecond)
      const started = await startTimes(perSecond, perSecond * 10)
      const arrivals = started.map((at) => at + random() * 100).sort((a, b) => a - b)
      // At most what the bucket holds plus the starts of one jitter window (100 ms) bunch up: far
      // below the burst.
      const bunch =
        Math.floor(perSecond * PACING_SHARE * CATCH_UP_SECONDS) +
        Math.ceil(perSecond * PACING_SHARE * 0.1) +
        1
      expect(nginxPeakExcess(arrivals, perSecond)).toBeLessThanOrEqual(bunch)
      expect(bunch).toBeLessThan(perSecond * 2)
      // The same model does reject an unpaced burst of as many requests.
      expect(
        nginxPeakExcess(
          arrivals.map(() => 0),
          perSecond,
        ),
      ).toBeGreaterThan(perSecond * 2)
    },
  )
})
