// One tab polls the watched jobs for every tab of this browser: the tab that holds the Web Lock
// `jobscope.watch-poller` (navigator.locks). A closed tab's lock is released by the browser and the
// next tab waiting for it takes over at once. The polling tab tells the others what it learns on the
// BroadcastChannel `jobscope.watch`: they show the same toasts, tab title and icon dot, and only it
// raises the system notification — one per event, however many tabs. The list itself is shared
// through storage (watch-list.ts). Decision 018.
import * as z from 'zod/mini'
import type { WatchEvent } from './watch-monitor.ts'

const LOCK = 'jobscope.watch-poller'
const CHANNEL = 'jobscope.watch'

/**
 * Runs `poll` while this tab holds the poller's lock (at once where the browser has no Web Locks:
 * then every tab polls, as before). Returns the function that stops polling and leaves the queue.
 */
export function whilePolling(poll: () => () => void): () => void {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (locks === undefined) return poll()
  const queue = new AbortController()
  let stopPolling: (() => void) | undefined
  let release: (() => void) | undefined
  locks
    .request(LOCK, { signal: queue.signal }, () => {
      stopPolling = poll()
      // Held until this app stops (or the tab closes, when the browser lets go of it).
      return new Promise<void>((resolve) => {
        release = resolve
      })
    })
    .catch(() => {
      // aborted while waiting: this app stopped before its turn came
    })
  return () => {
    queue.abort()
    stopPolling?.()
    release?.()
  }
}

export interface WatchNewsChannel {
  /** Tells the other tabs of news this tab learned by polling. */
  readonly post: (event: WatchEvent) => void
  readonly close: () => void
}

/** A message from another tab (of this or another version of the app): checked before it is shown. */
const watchEventMessage = z.object({
  id: z.string().check(z.maxLength(100)),
  kind: z.nullable(z.string().check(z.maxLength(100))),
  status: z.nullable(z.string().check(z.maxLength(500))),
  reason: z.enum(['final', 'change', 'not-found', 'failing', 'unauthorized']),
  detail: z.optional(z.string().check(z.maxLength(500))),
}) satisfies z.ZodMiniType<WatchEvent>

/** Hears the polling tab's news (`onNews`), and posts this tab's when it is the one polling. */
export function openWatchNews(onNews: (event: WatchEvent) => void): WatchNewsChannel {
  if (typeof BroadcastChannel !== 'function') return { post: () => {}, close: () => {} }
  const channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (message: MessageEvent<unknown>) => {
    const parsed = watchEventMessage.safeParse(message.data)
    if (parsed.success) onNews(parsed.data)
  }
  return {
    post: (event) => channel.postMessage(event),
    close: () => channel.close(),
  }
}
