// System notifications stay few however many watched jobs end: the events of a short moment become
// one notification, and after one is shown the next waits out a quiet period, then sums up what
// happened meanwhile. Timers only (never the wall clock), so a clock that jumps changes nothing.

export const GATHER_MS = 300
export const QUIET_MS = 10_000

export interface NotificationBatcher<E> {
  push: (event: E) => void
  dispose: () => void
}

export function createNotificationBatcher<E>(
  send: (events: readonly E[]) => void,
  { gatherMs = GATHER_MS, quietMs = QUIET_MS } = {},
): NotificationBatcher<E> {
  let queue: E[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let quiet = false

  const flush = () => {
    timer = undefined
    if (queue.length === 0) {
      quiet = false
      return
    }
    const events = queue
    queue = []
    send(events)
    quiet = true
    timer = setTimeout(flush, quietMs)
  }

  return {
    push(event) {
      queue.push(event)
      if (timer === undefined) timer = setTimeout(flush, quiet ? quietMs : gatherMs)
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      queue = []
    },
  }
}
