// The job page's own watching of its job: the query (polled until the job ends), whether
// auto-refresh is on, and the two things a person can do about it. The page's parts read this one
// object; they never query by themselves.
import {
  type QueryClient,
  type UseQueryResult,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useState } from 'react'
import { useRuntimeConfig } from '../../components/app-scope.tsx'
import type { PollBounds } from '../../config/runtime-config.ts'
import { type WatchedJob, isNotFoundError, jobKeys, lastProblem } from '../../jobs/job-data.ts'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import type { KindRegistry } from '../../kinds/registry.ts'

/** How old an answer may be and still be taken as the page's own when it opens. */
const ADOPT_ANSWERS_WITHIN_MS = 5_000

/** An answer came moments ago, or one is on its way (it may have failed by the time the page subscribes). */
function answeredJustNow(client: QueryClient, jobId: string): boolean {
  const state = client.getQueryState(jobKeys.detail(jobId))
  if (state === undefined) return false
  const answeredAt = Math.max(state.dataUpdatedAt, state.errorUpdatedAt)
  return state.fetchStatus === 'fetching' || Date.now() - answeredAt < ADOPT_ANSWERS_WITHIN_MS
}

export interface JobWatch {
  readonly query: UseQueryResult<WatchedJob>
  readonly pollBounds: PollBounds
  readonly autoRefresh: boolean
  /** The problem to show (the last attempt's), or null. */
  readonly problem: Error | null
  /** Every kind asked answered 404 and nothing was ever found. */
  readonly notFound: boolean
  /** Asks now (a fetch under way is kept, not restarted). */
  readonly refresh: () => void
  /** Pauses or resumes polling; resuming checks at once: what is on screen may be long out of date. */
  readonly toggleAutoRefresh: () => void
}

export function useJobWatch(
  jobId: string,
  kinds: KindRegistry,
  kind: JobKind | undefined,
): JobWatch {
  const { apiBase, pollBounds } = useRuntimeConfig()
  const queryClient = useQueryClient()
  const [autoRefresh, setAutoRefresh] = useState(true)
  // An answer that came moments ago — the home form's or the early script's lookup, found or not
  // found — is this page's first answer, not a reason to ask every endpoint again on arrival.
  // (Decided when the page opens: later answers are its own.)
  const [adopt] = useState(() => answeredJustNow(queryClient, jobId))
  const query = useQuery({
    ...jobQueryOptions(jobId, { kinds, apiBase, pollBounds, autoRefresh, kind }),
    ...(adopt ? { refetchOnMount: false, retryOnMount: false } : {}),
  })
  const refresh = () => void query.refetch({ cancelRefetch: false })
  return {
    query,
    pollBounds,
    autoRefresh,
    problem: lastProblem(query),
    notFound: isNotFoundError(query.error) && query.data === undefined,
    refresh,
    toggleAutoRefresh: () => {
      if (!autoRefresh) refresh()
      setAutoRefresh(!autoRefresh)
    },
  }
}
