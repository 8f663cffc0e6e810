// How the dashboard watches one job of any kind: the query key, the search for its kind, and when to
// ask again. Pages (job, batch) use these options; they never fetch by themselves.
import { type QueryClient, type QueryState, queryOptions } from '@tanstack/react-query'
import { isApiError } from '../api/api-error.ts'
import type { JobSnapshot } from '../api/job.ts'
import { JOB_KINDS, type JobKind } from '../lib/job-kinds.ts'
import { type SearchStrategy, findJob } from './find-job.ts'
import { isTerminalStatus } from './job-status.ts'
import { type PollBounds, type PollState, nextPollDelay } from './polling-policy.ts'
import type { RequestLimiter } from './request-limiter.ts'

export interface WatchedJob extends JobSnapshot {
  /** When we first saw the current status (ms since epoch): drives the polling backoff. */
  readonly statusSince: number
  /**
   * Whether this browser saw the job enter its current status (an earlier answer had another one).
   * If not, the status began before `statusSince`: "for at least …".
   */
  readonly sawStatusBegin: boolean
  /** Other kinds that also answered 200 for this id (should not happen; the page notes it). */
  readonly alsoFoundIn: readonly JobKind[]
}

// One key per job id, whatever its kind: the job page, a batch row and a watch share one cache entry.
export const jobKeys = {
  all: ['jobs'] as const,
  detail: (id: string) => [...jobKeys.all, id] as const,
}

export interface JobQuerySettings {
  readonly apiBase: string
  readonly pollBounds: PollBounds
  /** Off while the support person has paused auto-refresh. */
  readonly autoRefresh: boolean
  /** Shared by all jobs of a page (the batch table) to cap requests in flight. */
  readonly limiter?: RequestLimiter
  /** The kind, when known before the first answer (`?kind=`, Recent): only its endpoint is asked. */
  readonly kind?: JobKind | undefined
  /** How a bare id is searched for on the three endpoints; parallel unless told otherwise. */
  readonly strategy?: SearchStrategy
}

/** Per query client: the kinds that said 404 in a search still open (kept across its retries). */
const openSearches = new WeakMap<QueryClient, Map<string, Set<JobKind>>>()

function notFoundMemory(client: QueryClient, id: string): Set<JobKind> {
  let searches = openSearches.get(client)
  if (searches === undefined) {
    searches = new Map()
    openSearches.set(client, searches)
  }
  let memory = searches.get(id)
  if (memory === undefined) {
    memory = new Set()
    searches.set(id, memory)
  }
  return memory
}

export function jobQueryOptions(id: string, settings: JobQuerySettings) {
  return queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: async ({ signal, client, queryKey }): Promise<WatchedJob> => {
      const previous = client.getQueryData<WatchedJob>(queryKey)
      // Once an endpoint has answered for this job, only it is asked again.
      const known = previous?.job.kind ?? settings.kind
      const found = await findJob(id, known ? [known] : JOB_KINDS, {
        apiBase: settings.apiBase,
        signal,
        limiter: settings.limiter,
        strategy: settings.strategy ?? 'parallel',
        notFoundIn: notFoundMemory(client, id),
      })
      void found.laterAlsoFoundIn.then((kinds) => {
        if (kinds.length === 0) return
        client.setQueryData<WatchedJob>(queryKey, (data) =>
          data ? { ...data, alsoFoundIn: [...data.alsoFoundIn, ...kinds] } : data,
        )
      })
      const unchanged =
        previous !== undefined &&
        previous.job.kind === found.job.kind &&
        previous.job.status === found.job.status
      return {
        job: found.job,
        raw: found.raw,
        statusSince: unchanged ? previous.statusSince : Date.now(),
        sawStatusBegin: unchanged ? previous.sawStatusBegin : previous !== undefined,
        alsoFoundIn: previous?.alsoFoundIn.length ? previous.alsoFoundIn : found.alsoFoundIn,
      }
    },
    // A finished job never changes: no refetch on focus or remount; Refresh still asks explicitly.
    staleTime: (query) => (isFinished(query.state.data) ? Number.POSITIVE_INFINITY : 0),
    refetchInterval: settings.autoRefresh
      ? (query) => nextPollDelay(pollStateOf(query.state, Date.now()), settings.pollBounds)
      : false,
  })
}

function isFinished(data: WatchedJob | undefined): boolean {
  return data !== undefined && isTerminalStatus(data.job.status)
}

export function pollStateOf(state: QueryState<WatchedJob>, now: number): PollState {
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

/** What a query result tells about its last attempt, as pages and rows read it. */
export interface QueryLike {
  readonly data: WatchedJob | undefined
  readonly error: Error | null
  readonly failureReason: Error | null
  readonly failureCount: number
}

/**
 * The problem to show: the error the query ended with, or — while retries run and `error` is still
 * empty — the reason the last attempt failed. Null when the last attempt worked.
 */
export function lastProblem(query: QueryLike): Error | null {
  return query.error ?? (query.failureCount > 0 ? query.failureReason : null)
}

export function isNotFoundError(error: unknown): boolean {
  return isApiError(error) && error.kind === 'not-found'
}
