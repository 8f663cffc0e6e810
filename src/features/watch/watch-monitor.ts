// Keeps watched jobs polled wherever the person is in the app, and turns what the query cache learns
// about them into events: ended (final status), changed (when asked for), not found, unauthorized,
// or failing for good. No React: one QueryObserver per active watch, with the job page's own query
// options (same cache entry, same polling policy, stopped when final) and the app's one request
// limiter. Whoever fetches a watched job — its page, a batch row or this — the cache tells us.
import { type Query, type QueryClient, QueryObserver } from '@tanstack/react-query'
import { isApiError } from '../../api/api-error.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import type { KindParsers } from '../../jobs/find-job.ts'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import type { RequestLimiter } from '../../jobs/request-limiter.ts'
import { type WatchedJob, jobKeys } from '../../jobs/job-data.ts'
import { NOT_FOUND_LABEL, isTerminalStatus } from '../../jobs/job-status.ts'
import type { PollBounds } from '../../config/runtime-config.ts'
import {
  type WatchEndReason,
  type WatchEntry,
  type WatchListStore,
  isActiveWatch,
} from './watch-list.ts'

/**
 * Checks in a row that failed (each after its retries) before a watch gives up: at the slowest
 * polling that is about three to four minutes of an upstream that does not answer.
 */
export const FAILING_LIMIT = 12

export interface WatchEvent {
  readonly id: string
  readonly kind: JobKind | null
  /** The status now, or "not found"; null when the job was never seen. */
  readonly status: string | null
  /** `change`: a status change the person asked to hear of; otherwise why the watch ended. */
  readonly reason: WatchEndReason | 'change'
  /** For `failing` and `unauthorized`: what the last lookup said. */
  readonly detail?: string
}

export interface WatchMonitorOptions {
  readonly client: QueryClient
  readonly store: WatchListStore
  /** The kinds to search, and their parsers: the app's kind registry. */
  readonly kinds: KindParsers
  readonly apiBase: string
  readonly pollBounds: PollBounds
  /** The app's one request limiter, shared with the batch page. */
  readonly limiter: RequestLimiter
  readonly onEvent: (event: WatchEvent) => void
  readonly failingLimit?: number
}

function jobIdOf(query: Query): string | undefined {
  const [scope, id, ...rest] = query.queryKey
  return scope === jobKeys.all[0] && typeof id === 'string' && rest.length === 0 ? id : undefined
}

/** Starts watching; returns the function that stops every observer and listener. */
export function startWatchMonitor({
  client,
  store,
  kinds,
  apiBase,
  pollBounds,
  limiter,
  onEvent,
  failingLimit = FAILING_LIMIT,
}: WatchMonitorOptions): () => void {
  const cache = client.getQueryCache()
  const observers = new Map<string, () => void>()
  const failures = new Map<string, number>()

  const end = (
    entry: WatchEntry,
    reason: WatchEndReason,
    status: string | null,
    detail?: string,
  ) => {
    if (!store.end(entry.id, reason, status)) return
    failures.delete(entry.id)
    onEvent({
      id: entry.id,
      kind: entry.kind,
      status,
      reason,
      ...(detail === undefined ? {} : { detail }),
    })
  }

  const onAnswer = (entry: WatchEntry, data: WatchedJob) => {
    failures.delete(entry.id)
    const { status, kind } = data.job
    const before = store.seen(entry.id, status, kind)
    const current = { ...entry, kind }
    if (isTerminalStatus(status)) {
      end(current, 'final', status)
    } else if (
      before !== undefined &&
      before.status !== null &&
      before.status !== status &&
      entry.notifyOn === 'change'
    ) {
      onEvent({ id: entry.id, kind, status, reason: 'change' })
    }
  }

  const onFailure = (entry: WatchEntry, error: unknown) => {
    if (isApiError(error) && error.kind === 'not-found') {
      end(entry, 'not-found', NOT_FOUND_LABEL)
      return
    }
    const detail = error instanceof Error ? error.message : String(error)
    // Polling stops for these by policy: only a person can fix the key or the proxy.
    if (isApiError(error) && error.kind === 'unauthorized') {
      end(entry, 'unauthorized', entry.status, detail)
      return
    }
    const count = (failures.get(entry.id) ?? 0) + 1
    failures.set(entry.id, count)
    if (count >= failingLimit) end(entry, 'failing', entry.status, detail)
  }

  const activeEntry = (id: string) => {
    const entry = store.get(id)
    return entry !== undefined && isActiveWatch(entry) ? entry : undefined
  }

  /** What the cache already knows of a job just added to the list (or after a reload). */
  const catchUp = (entry: WatchEntry) => {
    const query = cache.find<WatchedJob>({ queryKey: jobKeys.detail(entry.id), exact: true })
    if (query === undefined) return
    const { data, error, errorUpdatedAt, dataUpdatedAt } = query.state
    if (error !== null && errorUpdatedAt >= dataUpdatedAt) {
      if (isApiError(error) && error.kind === 'not-found') end(entry, 'not-found', NOT_FOUND_LABEL)
    } else if (data !== undefined) {
      onAnswer(entry, data)
    }
  }

  const sync = () => {
    const active = store.getSnapshot().filter(isActiveWatch)
    const wanted = new Set(active.map((entry) => entry.id))
    for (const [id, stop] of observers) {
      if (wanted.has(id)) continue
      stop()
      observers.delete(id)
      failures.delete(id)
    }
    for (const entry of active) {
      if (observers.has(entry.id)) continue
      catchUp(entry)
      const current = activeEntry(entry.id)
      if (current === undefined) continue
      const observer = new QueryObserver(client, {
        ...jobQueryOptions(current.id, {
          kinds,
          apiBase,
          pollBounds,
          autoRefresh: true,
          limiter,
          kind: current.kind ?? undefined,
          strategy: 'sequential',
        }),
        // The point of a watch: the person is in another tab and still learns when the job ends.
        refetchIntervalInBackground: true,
        // Polling already covers these; for 200 watched jobs they would be 200 requests at once.
        refetchOnMount: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        notifyOnChangeProps: [],
      })
      observers.set(
        current.id,
        observer.subscribe(() => {}),
      )
    }
  }

  // A store change may come from inside sync (a job that had ended already): run again afterwards.
  let syncing = false
  let again = false
  const scheduleSync = () => {
    if (syncing) {
      again = true
      return
    }
    syncing = true
    try {
      do {
        again = false
        sync()
      } while (again)
    } finally {
      syncing = false
    }
  }

  const stopCache = cache.subscribe((event) => {
    if (event.type !== 'updated') return
    const { action } = event
    if (action.type !== 'success' && action.type !== 'error') return
    const query = event.query as Query
    const id = jobIdOf(query)
    const entry = id === undefined ? undefined : activeEntry(id)
    if (entry === undefined) return
    if (action.type === 'error') onFailure(entry, action.error)
    else if (query.state.data !== undefined) onAnswer(entry, query.state.data as WatchedJob)
  })
  const stopStore = store.subscribe(scheduleSync)
  scheduleSync()

  return () => {
    stopStore()
    stopCache()
    for (const stop of observers.values()) stop()
    observers.clear()
  }
}
