// How the page watches its job, in words: "updated 3 s ago · next check in 2 s", a quiet "retrying…"
// while a retry runs, Refresh and Pause; and the banner, once a problem lasts.
import { RefreshCw } from 'lucide-react'
import { Suspense } from 'react'
import { AutoRefreshToggle } from '../../components/AutoRefreshToggle.tsx'
import { useNow } from '../../components/use-now.ts'
import { problemLabel, problemTitle } from '../../jobs/problem-label.ts'
import { isTerminalStatus } from '../../jobs/job-status.ts'
import { type RefreshState, refreshState } from '../../jobs/refresh-state.ts'
import { formatElapsed } from '../../lib/time.ts'
import { lazyPart } from '../../components/lazy-part.tsx'
import type { JobWatch } from './use-job-watch.ts'

/** The page's own watching at `now` (countdowns and staleness move with the clock). */
function refreshStateOf({ query, pollBounds, autoRefresh }: JobWatch, now: number): RefreshState {
  return refreshState({
    status: query.data?.job.status,
    statusSince: query.data?.statusSince,
    dataUpdatedAt: query.dataUpdatedAt,
    errorUpdatedAt: query.errorUpdatedAt,
    error: query.error,
    failureCount: query.failureCount,
    fetching: query.isFetching,
    autoRefresh,
    pollBounds,
    now,
  })
}

interface NoticeProps {
  error: unknown
  jobId: string
  retrying: boolean
  hasData: boolean
  autoRefresh: boolean
}

/** The problem in a few words, if the full notice's code cannot be loaded. */
function ShortNotice({ error, jobId }: NoticeProps) {
  return (
    <p role="alert" className="card px-4 py-3 text-sm font-medium text-red-800 dark:text-red-300">
      Job {jobId}: {problemTitle(error)}
    </p>
  )
}

// Most answers are no problem: the notice and its texts come after the first paint (the job page
// preloads them then), so only a problem in the very first answer waits for them.
const JobErrorNotice = lazyPart<NoticeProps>(
  () => import('./JobErrorNotice.tsx').then((module) => ({ default: module.JobErrorNotice })),
  ShortNotice,
)

export const preloadProblemNotice = JobErrorNotice.preload

/**
 * A problem becomes a banner only when it lasts: retries spent, or the data on screen getting old.
 * A check that fails once and works on retry is the small mark beside "updated … ago", nothing more.
 */
export function ProblemBanner({ watch, jobId }: { watch: JobWatch; jobId: string }) {
  const { banner } = refreshStateOf(watch, useNow(1_000))
  const { query, problem, autoRefresh } = watch
  if (!banner || problem === null) return null
  const props: NoticeProps = {
    error: problem,
    jobId,
    retrying: query.isFetching,
    hasData: query.data !== undefined,
    autoRefresh,
  }
  return (
    <Suspense fallback={null}>
      <JobErrorNotice {...props} />
    </Suspense>
  )
}

export function RefreshControls({ watch }: { watch: JobWatch }) {
  const { query, autoRefresh, problem, refresh, toggleAutoRefresh } = watch
  const now = useNow(1_000)
  const state = refreshStateOf(watch, now)
  const { data, isFetching, dataUpdatedAt } = query
  const terminal = data !== undefined && isTerminalStatus(data.job.status) && query.error === null
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="sr-only" aria-live="polite">
        {state.retrying ? 'A check failed; retrying.' : ''}
      </span>
      <p className="text-muted tabular-nums">
        {data !== undefined && <>updated {formatElapsed(now - dataUpdatedAt)} ago</>}
        {terminal ? (
          ' · final'
        ) : !autoRefresh ? (
          <span className="font-medium text-amber-800 dark:text-amber-300">
            {data !== undefined && ' · '}auto-refresh paused
          </span>
        ) : state.retrying ? (
          <span className="text-amber-800 dark:text-amber-300" title={problem?.message}>
            {data !== undefined && ' · '}
            <RefreshCw
              aria-hidden="true"
              className="mr-1 inline size-3.5 align-[-2px] motion-safe:animate-spin"
            />
            retrying… ({problemLabel(problem)})
          </span>
        ) : isFetching ? (
          <>{data !== undefined && ' · '}checking now…</>
        ) : state.nextCheckAt !== null ? (
          <>
            {data !== undefined && ' · '}next check in{' '}
            {formatElapsed(Math.max(0, state.nextCheckAt - now) + 999)}
          </>
        ) : null}
      </p>
      <button type="button" className="btn-secondary" onClick={refresh} disabled={isFetching}>
        <RefreshCw
          aria-hidden="true"
          className={`size-4 ${isFetching ? 'motion-safe:animate-spin' : ''}`}
        />
        Refresh
      </button>
      {!terminal && <AutoRefreshToggle autoRefresh={autoRefresh} onToggle={toggleAutoRefresh} />}
    </div>
  )
}
