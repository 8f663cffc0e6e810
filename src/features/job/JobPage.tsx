// One job of any kind, watched until it ends. Renders data first, then error, then loading, so a
// failed poll never wipes out what is already known. The kind's registry entry supplies the word
// beside the badge, the PROCESSING hint, the extra facts and the results section.
import { type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query'
import { RefreshCw } from 'lucide-react'
import { Suspense, useEffect, useMemo, useState } from 'react'
import { Link, useLocation, useSearch } from 'wouter'
import type { JobBase as Job } from '../../api/job-base.ts'
import { type JobKind, kindsSentence } from '../../lib/job-kinds.ts'
import { AutoRefreshToggle } from '../../components/AutoRefreshToggle.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { JobStatusBadge, statusHint, statusNextStep } from '../../components/JobStatusBadge.tsx'
import { WatchToggle } from '../watch/public.ts'
import { useDocumentTitle } from '../../components/use-document-title.ts'
import { useNow } from '../../components/use-now.ts'
import { useRuntimeConfig } from '../../components/app-scope.tsx'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import { type WatchedJob, isNotFoundError, lastProblem } from '../../jobs/job-data.ts'
import { isTerminalStatus } from '../../jobs/job-status.ts'
import type { PollBounds } from '../../config/runtime-config.ts'
import { type RefreshState, refreshState } from '../../jobs/refresh-state.ts'
import { problemLabel } from '../../jobs/describe-problem.ts'
import { useRecentRecording } from '../recent/public.ts'
import { jobSummaryMarkdown, jobSummaryText, useKinds } from '../../kinds/registry.ts'
import { afterNextPaint } from '../../lib/after-paint.ts'
import { formatElapsed } from '../../lib/time.ts'
import { JobErrorNotice } from './JobErrorNotice.tsx'
import { JobFacts } from './JobFacts.tsx'
import { JobTimeline } from './JobTimeline.tsx'
import { RawResponse } from './RawResponse.tsx'

interface JobPageProps {
  jobId: string
  /** From `?kind=` (a link, Recent): only that endpoint is asked. Undefined: search every kind. */
  kindHint: JobKind | undefined
}

export function JobPage({ jobId, kindHint: kindParam }: JobPageProps) {
  const kinds = useKinds()
  // Only a kind this app knows narrows the search; any other `?kind=` value is ignored.
  const kindHint = kinds.has(kindParam) ? kindParam : undefined
  const { apiBase, pollBounds } = useRuntimeConfig()
  const queryClient = useQueryClient()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const query = useQuery(
    jobQueryOptions(jobId, { kinds, apiBase, pollBounds, autoRefresh, kind: kindHint }),
  )
  const { data, error, isFetching } = query
  const problem = lastProblem(query)
  const job = data?.job
  const status = job?.status
  const terminal = status !== undefined && isTerminalStatus(status)
  const notFound = isNotFoundError(error) && job === undefined

  useKindInUrl(jobId, job?.kind)
  const ids = useMemo(() => [jobId], [jobId])
  const rows = useMemo(
    () => [{ id: jobId, query: { data, error, failureReason: null, failureCount: 0 } }],
    [jobId, data, error],
  )
  useRecentRecording(ids, rows, kinds, kindHint)
  useDocumentTitle(status ?? (notFound ? 'not found' : null))

  return (
    <article className="flex flex-col gap-4" aria-labelledby="job-heading">
      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h1 id="job-heading" className="text-muted text-sm font-medium">
            Job{' '}
            <span className="font-mono text-base text-zinc-900 break-all dark:text-zinc-100">
              {jobId}
            </span>
          </h1>
          <CopyButton text={jobId} label="Copy id" />
          {job && (
            <>
              <CopyButton
                text={() => jobSummaryText(kinds.of(job), job)}
                label="Copy summary for a ticket"
              >
                Copy summary
              </CopyButton>
              <CopyButton
                text={() => jobSummaryMarkdown(kinds.of(job), job)}
                label="Copy as Markdown: the summary for helpdesks that render it"
              >
                Copy as Markdown
              </CopyButton>
            </>
          )}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <div
              aria-live="polite"
              aria-atomic="true"
              className="flex flex-wrap items-center gap-3"
            >
              {job === undefined ? (
                !notFound && (
                  <span className="text-muted text-sm">
                    {problem ? 'Status unknown' : 'Looking up the job…'}
                  </span>
                )
              ) : (
                <>
                  <JobKindWord job={job} />
                  <span className="sr-only">Status:</span>
                  <JobStatusBadge status={job.status} size="lg" />
                  <span className="text-sm">
                    {statusHint(job.status, kinds.of(job).processingHint)}
                  </span>
                </>
              )}
            </div>
            {data && !terminal && <TimeInStatus data={data} />}
          </div>
          {job && !terminal && <WatchToggle id={jobId} kind={job.kind} status={job.status} />}
          {!notFound && (
            <RefreshControls
              query={query}
              pollBounds={pollBounds}
              autoRefresh={autoRefresh}
              onRefresh={() => void query.refetch({ cancelRefetch: false })}
              onToggleAutoRefresh={() => {
                // Resuming after a pause checks at once: what is on screen may be long out of date.
                if (!autoRefresh) void query.refetch({ cancelRefetch: false })
                setAutoRefresh(!autoRefresh)
              }}
            />
          )}
        </div>
        {job && statusNextStep(job.status) !== null && (
          <p className="max-w-prose text-sm">
            <span className="font-semibold">Next step: </span>
            {statusNextStep(job.status)}
          </p>
        )}
        {job && job.id.toLowerCase() !== jobId && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            Note: the API answered with a different id, <span className="font-mono">{job.id}</span>.
          </p>
        )}
        {job && data && data.alsoFoundIn.length > 0 && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            Note: {kindsSentence(data.alsoFoundIn)} also{' '}
            {data.alsoFoundIn.length === 1 ? 'has' : 'have'} a job with this id. Showing the{' '}
            {job.kind} job ({kindsSentence(kinds.names)} are asked in that order).
          </p>
        )}
      </header>

      {problem && (
        <ProblemBanner
          query={query}
          problem={problem}
          jobId={jobId}
          pollBounds={pollBounds}
          autoRefresh={autoRefresh}
        />
      )}
      {notFound && (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <button
            type="button"
            className="btn-secondary"
            disabled={isFetching}
            onClick={() => void query.refetch({ cancelRefetch: false })}
          >
            <RefreshCw
              aria-hidden="true"
              className={`size-4 ${isFetching ? 'motion-safe:animate-spin' : ''}`}
            />
            Look again
          </button>
          {kindHint !== undefined && (
            <Link
              className="link"
              href={`/jobs/${jobId}`}
              // The page stays (same job): start the full search with the options it will have.
              onClick={() =>
                void queryClient.prefetchQuery(
                  jobQueryOptions(jobId, {
                    kinds,
                    apiBase,
                    pollBounds,
                    autoRefresh,
                    kind: undefined,
                  }),
                )
              }
            >
              Look for it in every kind ({kindsSentence(kinds.names)})
            </Link>
          )}
        </p>
      )}

      {data ? (
        <>
          <JobFacts job={data.job} raw={data.raw} />
          <JobTimeline jobId={jobId} job={data.job} />
          <JobResults job={data.job} />
          <RawResponse raw={data.raw} />
        </>
      ) : (
        !problem && <LoadingFacts />
      )}
    </article>
  )
}

/**
 * Writes the kind into the address once an endpoint has answered (`/jobs/:id?kind=chat`), replacing
 * the entry, so a reload or a shared link asks only that endpoint.
 */
function useKindInUrl(jobId: string, kind: JobKind | undefined) {
  const [, navigate] = useLocation()
  const search = useSearch()
  useEffect(() => {
    if (kind === undefined) return
    const params = new URLSearchParams(search)
    if (params.get('kind') === kind) return
    params.set('kind', kind)
    // After the answer is on screen: the new address re-renders the route, and that can wait.
    return afterNextPaint(() => navigate(`/jobs/${jobId}?${params.toString()}`, { replace: true }))
  }, [jobId, kind, search, navigate])
}

/** The kind as a small word beside the badge: Image, Chat, Speech. */
function JobKindWord({ job }: { job: Job }) {
  const kinds = useKinds()
  return (
    <span className="rounded border border-zinc-300 px-1.5 py-0.5 text-xs font-semibold tracking-wide text-zinc-700 uppercase dark:border-zinc-600 dark:text-zinc-300">
      <span className="sr-only">Kind: </span>
      {kinds.of(job).label}
    </span>
  )
}

function JobResults({ job }: { job: Job }) {
  const entry = useKinds().of(job)
  const count = entry.resultCount(job)
  const { ResultsView } = entry
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-3">
      <h2 id="results-heading" className="text-base font-semibold">
        Results <span className="text-muted font-normal tabular-nums">({count})</span>
      </h2>
      {count > 0 ? (
        <Suspense fallback={<p className="text-muted text-sm">Loading the results view…</p>}>
          <ResultsView job={job} />
        </Suspense>
      ) : (
        <p className="text-muted text-sm">{entry.emptyResultsText(job.status)}</p>
      )}
    </section>
  )
}

interface WatchProps {
  query: UseQueryResult<WatchedJob>
  pollBounds: PollBounds
  autoRefresh: boolean
}

/** The page's own watching at `now` (countdowns and staleness move with the clock). */
function refreshStateOf({ query, pollBounds, autoRefresh }: WatchProps, now: number): RefreshState {
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

/**
 * A problem becomes a banner only when it lasts: retries spent, or the data on screen getting old.
 * A check that fails once and works on retry is the small mark beside "updated … ago", nothing more.
 */
function ProblemBanner(props: WatchProps & { problem: Error; jobId: string }) {
  const { banner } = refreshStateOf(props, useNow(1_000))
  const { query, problem, jobId, autoRefresh } = props
  // Without data there is nothing on screen to be quiet about once retries are spent.
  if (!banner) return null
  return (
    <JobErrorNotice
      error={problem}
      jobId={jobId}
      retrying={query.isFetching}
      hasData={query.data !== undefined}
      autoRefresh={autoRefresh}
    />
  )
}

/** "in POSTPONED for 4 min 52 s" — "at least" when the job was already in it at the first answer. */
function TimeInStatus({ data }: { data: WatchedJob }) {
  const now = useNow(1_000)
  return (
    <p className="text-muted text-sm tabular-nums">
      {`in ${data.job.status || '(empty status)'} for ${data.sawStatusBegin ? '' : 'at least '}${formatElapsed(now - data.statusSince)}`}
    </p>
  )
}

interface RefreshControlsProps extends WatchProps {
  onRefresh: () => void
  onToggleAutoRefresh: () => void
}

function RefreshControls(props: RefreshControlsProps) {
  const { query, autoRefresh, onRefresh, onToggleAutoRefresh } = props
  const now = useNow(1_000)
  const state = refreshStateOf(props, now)
  const { data, isFetching, dataUpdatedAt } = query
  const terminal = data !== undefined && isTerminalStatus(data.job.status) && query.error === null
  const problem = lastProblem(query)
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
      <button type="button" className="btn-secondary" onClick={onRefresh} disabled={isFetching}>
        <RefreshCw
          aria-hidden="true"
          className={`size-4 ${isFetching ? 'motion-safe:animate-spin' : ''}`}
        />
        Refresh
      </button>
      {!terminal && <AutoRefreshToggle autoRefresh={autoRefresh} onToggle={onToggleAutoRefresh} />}
    </div>
  )
}

function LoadingFacts() {
  return (
    <div
      className="card grid animate-pulse grid-cols-1 gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4"
      aria-hidden="true"
    >
      {[0, 1, 2, 3].map((cell) => (
        <div key={cell} className="h-10 rounded bg-zinc-200 dark:bg-zinc-700" />
      ))}
    </div>
  )
}
