// How the dashboard watches one image job: the query key, the fetch, and when to ask again.
// Pages (the job page now, a batch table later) use these options; they never fetch by themselves.
import { type QueryState, queryOptions } from '@tanstack/react-query'
import { isApiError } from '../api/api-error.ts'
import type { ImageJob } from '../api/image-job.ts'
import { fetchJob } from '../api/job.ts'
import { isTerminalStatus } from './job-status.ts'
import { type PollBounds, type PollState, nextPollDelay } from './polling-policy.ts'
import type { RequestLimiter } from './request-limiter.ts'

interface ImageJobSnapshot {
  readonly job: ImageJob
  readonly raw: unknown
}

export interface WatchedImageJob extends ImageJobSnapshot {
  /** When we first saw the current status (ms since epoch): drives the polling backoff. */
  readonly statusSince: number
}

export const imageJobKeys = {
  all: ['jobs', 'images'] as const,
  detail: (id: string) => [...imageJobKeys.all, id] as const,
}

export interface ImageJobQuerySettings {
  readonly apiBase: string
  readonly pollBounds: PollBounds
  /** Off while the support person has paused auto-refresh. */
  readonly autoRefresh: boolean
  /** Shared by all jobs of a page (the batch table) to cap requests in flight. */
  readonly limiter?: RequestLimiter
}

export function imageJobQueryOptions(id: string, settings: ImageJobQuerySettings) {
  return queryOptions({
    queryKey: imageJobKeys.detail(id),
    queryFn: async ({ signal, client, queryKey }): Promise<WatchedImageJob> => {
      // No await without a limiter: a microtask here lets the next render run before the request.
      const release = settings.limiter ? await settings.limiter.acquire(signal) : undefined
      let snapshot: ImageJobSnapshot
      try {
        const fetched = await fetchJob('images', id, { apiBase: settings.apiBase, signal })
        if (fetched.job.kind !== 'images') throw new Error('unreachable')
        snapshot = { job: fetched.job, raw: fetched.raw }
      } finally {
        release?.()
      }
      const previous = client.getQueryData<WatchedImageJob>(queryKey)
      const unchanged = previous !== undefined && previous.job.status === snapshot.job.status
      return { ...snapshot, statusSince: unchanged ? previous.statusSince : Date.now() }
    },
    // A finished job never changes: no refetch on focus or remount; Refresh still asks explicitly.
    staleTime: (query) => (isFinished(query.state.data) ? Number.POSITIVE_INFINITY : 0),
    refetchInterval: settings.autoRefresh
      ? (query) => nextPollDelay(pollStateOf(query.state, Date.now()), settings.pollBounds)
      : false,
  })
}

function isFinished(data: WatchedImageJob | undefined): boolean {
  return data !== undefined && isTerminalStatus(data.job.status)
}

export function pollStateOf(state: QueryState<WatchedImageJob>, now: number): PollState {
  const { data, error, status } = state
  const failed = status === 'error' && error !== null
  return {
    status: data?.job.status,
    unchangedForMs: data === undefined ? 0 : now - data.statusSince,
    // An error that is not ours is a bug somewhere between fetch and parse: treat it like a bad answer.
    errorKind: failed ? (isApiError(error) ? error.kind : 'bad-response') : undefined,
    retryAfterMs: failed && isApiError(error) ? error.retryAfterMs : undefined,
  }
}
