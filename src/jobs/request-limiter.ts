// Caps how many requests a page has in flight, however many jobs it watches, and — when the proxy
// limits lookups per second (config.json `rateLimit`) — paces when they start, so a page never runs
// into the proxy's 429. A waiting request that is aborted (the query was cancelled) leaves the queue
// without ever taking a slot.

export interface RequestLimiter {
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>
  readonly inFlight: number
  readonly waiting: number
}

export interface RequestLimiterOptions {
  /** The proxy's limit in lookups per second; starts are paced at PACING_SHARE of it. */
  readonly perSecond?: number | null
}

/**
 * The share of the proxy's rate a page uses. nginx's limit_req drains its bucket at exactly the
 * configured rate: a page starting requests at 100 % of it would pile every late timer or bunched
 * packet into the bucket for good, until the burst overflows into 429s. At 90 % the bucket drains
 * faster than the page fills it, so a bunch is forgotten within a second, and the burst (twice the
 * rate) has room for it meanwhile.
 */
export const PACING_SHARE = 0.9

/**
 * How far a page that fell behind (a busy main thread, a late timer) may catch up at once: a quarter
 * second of starts. Without it every late timer is lost for good; with it a page can start a few at
 * once, still far below nginx's burst.
 */
export const CATCH_UP_SECONDS = 0.25

export function createRequestLimiter(
  maxInFlight: number,
  { perSecond = null }: RequestLimiterOptions = {},
): RequestLimiter {
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    throw new RangeError('maxInFlight must be ≥ 1')
  if (perSecond !== null && !(Number.isFinite(perSecond) && perSecond > 0))
    throw new RangeError('perSecond must be a number > 0')
  // A token bucket: starts earn one token each 1 / (rate × share) seconds, up to `capacity`.
  const perMs = perSecond === null ? 0 : (perSecond * PACING_SHARE) / 1000
  const capacity = Math.max(1, Math.floor(perMs * 1000 * CATCH_UP_SECONDS))
  let tokens = capacity
  let refilledAt = Date.now()
  let inFlight = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const queue: Array<() => void> = []

  /** Takes a token when pacing allows a start now; otherwise returns how many ms until it will. */
  const takeToken = (): number => {
    if (perSecond === null) return 0
    const now = Date.now()
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perMs)
    refilledAt = now
    if (tokens < 1) return Math.ceil((1 - tokens) / perMs)
    tokens -= 1
    return 0
  }

  const grant = (): (() => void) => {
    inFlight += 1
    let released = false
    return () => {
      if (released) return
      released = true
      inFlight -= 1
      pump()
    }
  }

  /** Starts waiting requests, in order, while a slot is free and the pace allows. */
  const pump = () => {
    while (queue.length > 0 && inFlight < maxInFlight) {
      const wait = takeToken()
      if (wait > 0) {
        timer ??= setTimeout(() => {
          timer = undefined
          pump()
        }, wait)
        return
      }
      queue.shift()?.()
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal))
      if (queue.length === 0 && inFlight < maxInFlight && takeToken() === 0)
        return Promise.resolve(grant())
      return new Promise((resolve, reject) => {
        const start = () => {
          signal?.removeEventListener('abort', onAbort)
          resolve(grant())
        }
        const onAbort = () => {
          const index = queue.indexOf(start)
          if (index !== -1) queue.splice(index, 1)
          reject(abortReason(signal))
        }
        queue.push(start)
        signal?.addEventListener('abort', onAbort, { once: true })
        pump()
      })
    },
    get inFlight() {
      return inFlight
    },
    get waiting() {
      return queue.length
    },
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason
  return reason instanceof Error ? reason : new DOMException('Aborted', 'AbortError')
}
