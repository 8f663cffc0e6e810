// One job of any kind, watched until it ends. Renders data first, then error, then loading, so a
// failed poll never wipes out what is already known. The kind's registry entry supplies the word
// beside the badge, the PROCESSING hint, the extra facts and the results section.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { RefreshCw } from 'lucide-react'
import { Suspense, useEffect, useMemo, useState } from 'react'
import { Link, useLocation, useSearch } from 'wouter'
import type { Job } from '../../api/job.ts'
import { type JobKind, kindsSentence } from '../../api/job-kinds.ts'
import { AutoRefreshToggle } from '../../components/AutoRefreshToggle.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { WatchToggle } from '../../components/WatchToggle.tsx'
import { JobStatusBadge, statusHint } from '../../components/JobStatusBadge.tsx'
import { useDocumentTitle } from '../../components/use-document-title.ts'
import { useNow } from '../../components/use-now.ts'
import { useRuntimeConfig } from '../../config/runtime-config.tsx'
import { isNotFoundError, jobQueryOptions, lastProblem } from '../../jobs/job-query.ts'
import { isTerminalStatus } from '../../jobs/job-status.ts'
import { useRecentRecording } from '../../kinds/recent-recording.ts'
import { jobSummaryText, kindEntry, kindLabel } from '../../kinds/registry.tsx'
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

export function JobPage({ jobId, kindHint }: JobPageProps) {
  const { apiBase, pollBounds } = useRuntimeConfig()
  const queryClient = useQueryClient()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const query = useQuery(
    jobQueryOptions(jobId, { apiBase, pollBounds, autoRefresh, kind: kindHint }),
  )
  const { data, error, isFetching, dataUpdatedAt } = query
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
  useRecentRecording(ids, rows, kindHint)
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
            <CopyButton text={() => jobSummaryText(job)} label="Copy summary for a ticket">
              Copy summary
            </CopyButton>
          )}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div aria-live="polite" aria-atomic="true" className="flex flex-wrap items-center gap-3">
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
                  {statusHint(job.status, kindEntry(job.kind).processingHint)}
                </span>
              </>
            )}
          </div>
          {job && !terminal && <WatchToggle id={jobId} kind={job.kind} status={job.status} />}
          {!notFound && (
            <RefreshControls
              updatedAt={data ? dataUpdatedAt : undefined}
              fetching={isFetching}
              terminal={terminal}
              autoRefresh={autoRefresh}
              onRefresh={() => void query.refetch({ cancelRefetch: false })}
              onToggleAutoRefresh={() => setAutoRefresh((value) => !value)}
            />
          )}
        </div>
        {job && job.id.toLowerCase() !== jobId && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            Note: the API answered with a different id, <span className="font-mono">{job.id}</span>.
          </p>
        )}
        {job && data && data.alsoFoundIn.length > 0 && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            Note: {kindsSentence(data.alsoFoundIn)} also{' '}
            {data.alsoFoundIn.length === 1 ? 'has' : 'have'} a job with this id. Showing the{' '}
            {job.kind} job (images, chat and speech are asked in that order).
          </p>
        )}
      </header>

      {problem && (
        <JobErrorNotice
          error={problem}
          jobId={jobId}
          retrying={isFetching}
          hasData={data !== undefined}
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
                  jobQueryOptions(jobId, { apiBase, pollBounds, autoRefresh, kind: undefined }),
                )
              }
            >
              Look for it in every kind ({kindsSentence()})
            </Link>
          )}
        </p>
      )}

      {data ? (
        <>
          <JobFacts job={data.job} />
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
    navigate(`/jobs/${jobId}?${params.toString()}`, { replace: true })
  }, [jobId, kind, search, navigate])
}

/** The kind as a small word beside the badge: Image, Chat, Speech. */
function JobKindWord({ job }: { job: Job }) {
  return (
    <span className="rounded border border-zinc-300 px-1.5 py-0.5 text-xs font-semibold tracking-wide text-zinc-700 uppercase dark:border-zinc-600 dark:text-zinc-300">
      <span className="sr-only">Kind: </span>
      {kindLabel(job.kind)}
    </span>
  )
}

function JobResults({ job }: { job: Job }) {
  const entry = kindEntry(job.kind)
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

interface RefreshControlsProps {
  updatedAt: number | undefined
  fetching: boolean
  terminal: boolean
  autoRefresh: boolean
  onRefresh: () => void
  onToggleAutoRefresh: () => void
}

function RefreshControls({
  updatedAt,
  fetching,
  terminal,
  autoRefresh,
  onRefresh,
  onToggleAutoRefresh,
}: RefreshControlsProps) {
  const now = useNow(1_000)
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {updatedAt !== undefined && (
        <span className="text-muted tabular-nums">
          updated {formatElapsed(now - updatedAt)} ago
          {terminal && ' · final'}
        </span>
      )}
      <button type="button" className="btn-secondary" onClick={onRefresh} disabled={fetching}>
        <RefreshCw
          aria-hidden="true"
          className={`size-4 ${fetching ? 'motion-safe:animate-spin' : ''}`}
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
