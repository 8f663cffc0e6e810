// How the dashboard watches one job of any kind: the search for its kind, and when to ask again. Pages
// (job, batch) and the watch list use these options; they never fetch by themselves.
import {
  type QueryClient,
  type QueryFunctionContext,
  type QueryObserverOptions,
  type QueryState,
  replaceEqualDeep,
} from '@tanstack/query-core'
import { isApiError } from '../api/api-error.ts'
import type { JobKind } from '../lib/job-kinds.ts'
import { type KindParsers, type SearchStrategy, findJob } from './find-job.ts'
import { type JobKey, type WatchedJob, jobKeys } from './job-data.ts'
import { isTerminalStatus } from './job-status.ts'
import { type PollState, nextPollDelay } from './polling-policy.ts'
import { type PollBounds } from '../config/runtime-config.ts'
import type { RequestLimiter } from './request-limiter.ts'

export interface JobQuerySettings {
  /** The kinds to search, and how to parse each one's answer: the app's kind registry. */
  readonly kinds: KindParsers
  readonly apiBase: string
  readonly pollBounds: PollBounds
  /** Off while the support person has paused auto-refresh. */
  readonly autoRefresh: boolean
  /**
   * The app's one request limiter (the batch rows and the watch list share it), capping requests in
   * flight and pacing them under the proxy's rate. The job page asks without it: one job, at once.
   */
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

/** The options of one job's query, as React Query's observers (useQuery and the others) take them. */
export type JobQueryOptions = QueryObserverOptions<
  WatchedJob,
  Error,
  WatchedJob,
  WatchedJob,
  JobKey
>

export function jobQueryOptions(id: string, settings: JobQuerySettings): JobQueryOptions {
  return {
    queryKey: jobKeys.detail(id),
    queryFn: async ({
      signal,
      client,
      queryKey,
    }: QueryFunctionContext<JobKey>): Promise<WatchedJob> => {
      const previous = client.getQueryData<WatchedJob>(queryKey)
      // Once an endpoint has answered for this job, only it is asked again.
      const known = previous?.job.kind ?? settings.kind
      const found = await findJob(id, known ? [known] : settings.kinds.names, {
        kinds: settings.kinds,
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
      // A parsed job holds Dates, which React Query's structural sharing cannot see are equal: when
      // the body is the one last seen, the last parsed job is kept, so an unchanged answer keeps its
      // data object and nothing that reads it is told or redrawn (decision 015).
      const sameBody = unchanged && replaceEqualDeep(previous.raw, found.raw) === previous.raw
      return {
        job: sameBody ? previous.job : found.job,
        raw: sameBody ? previous.raw : found.raw,
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
  }
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

/**
 * A lookup of job `id` is under way, or has answered (found or not) since `since` — or is about to be
 * sent: the query is there but has never been asked, as when a page has rendered with it and not yet
 * started watching (React may hold a rendered page back ~300 ms); the page asks as it starts.
 */
export function askedSince(client: QueryClient, id: string, since: number): boolean {
  const state = client.getQueryState(jobKeys.detail(id))
  if (state === undefined) return false
  const neverAsked =
    state.fetchStatus === 'idle' && state.dataUpdateCount === 0 && state.errorUpdateCount === 0
  return (
    neverAsked ||
    state.fetchStatus === 'fetching' ||
    Math.max(state.dataUpdatedAt, state.errorUpdatedAt) >= since
  )
}
