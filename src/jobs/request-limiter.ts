// Caps how many requests a page has in flight, however many jobs it watches. A waiting request
// that is aborted (the query was cancelled) leaves the queue without ever taking a slot.

export interface RequestLimiter {
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>
  readonly inFlight: number
  readonly waiting: number
}

export function createRequestLimiter(maxInFlight: number): RequestLimiter {
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    throw new RangeError('maxInFlight must be ≥ 1')
  let inFlight = 0
  const queue: Array<() => void> = []

  const grant = (): (() => void) => {
    inFlight += 1
    let released = false
    return () => {
      if (released) return
      released = true
      inFlight -= 1
      queue.shift()?.()
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal))
      if (inFlight < maxInFlight) return Promise.resolve(grant())
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
