// One job, watched until it ends. Renders data first, then error, then loading, so a failed poll
// never wipes out what is already known.
import { useQuery } from '@tanstack/react-query'
import { Pause, Play, RefreshCw } from 'lucide-react'
import { useEffect, useState } from 'react'
import { isApiError } from '../../api/api-error.ts'
import { CopyButton } from '../../components/CopyButton.tsx'
import { JobStatusBadge, statusHint } from '../../components/JobStatusBadge.tsx'
import { useNow } from '../../components/use-now.ts'
import { useRuntimeConfig } from '../../config/runtime-config.tsx'
import { imageJobQueryOptions } from '../../jobs/image-job-query.ts'
import { NOT_FOUND_LABEL, isTerminalStatus } from '../../jobs/job-status.ts'
import { formatJobSummary } from '../../jobs/job-summary.ts'
import { recentLookupStore, seenJobFrom } from '../../jobs/recent-lookups.ts'
import { formatElapsed } from '../../lib/time.ts'
import { JobErrorNotice } from './JobErrorNotice.tsx'
import { JobFacts } from './JobFacts.tsx'
import { JobGallery } from './JobGallery.tsx'
import { RawResponse } from './RawResponse.tsx'

export function JobPage({ jobId }: { jobId: string }) {
  const { apiBase, pollBounds } = useRuntimeConfig()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const query = useQuery(imageJobQueryOptions(jobId, { apiBase, pollBounds, autoRefresh }))
  const { data, error, failureReason, failureCount, isFetching, dataUpdatedAt } = query
  // While retries run, `error` is still empty; the reason of the failed attempt is what to show.
  const problem = error ?? (failureCount > 0 ? failureReason : null)
  const status = data?.job.status
  const terminal = status !== undefined && isTerminalStatus(status)

  // Remember the lookup at once (even before an answer), then keep its status current.
  useEffect(() => {
    recentLookupStore().record([{ id: jobId, status: null, model: null, thumbnailUrl: null }], {
      fresh: true,
    })
  }, [jobId])
  const job = data?.job
  const notFound = isApiError(error) && error.kind === 'not-found'
  useEffect(() => {
    if (job) recentLookupStore().record([seenJobFrom(job)], { fresh: false })
    else if (notFound) {
      recentLookupStore().record(
        [{ id: jobId, status: NOT_FOUND_LABEL, model: null, thumbnailUrl: null }],
        {
          fresh: false,
        },
      )
    }
  }, [job, notFound, jobId])

  useEffect(() => {
    document.title = status === undefined ? 'Jobscope' : `${status} · Jobscope`
    return () => {
      document.title = 'Jobscope'
    }
  }, [status])

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
          {data && (
            <CopyButton text={() => formatJobSummary(data.job)} label="Copy summary for a ticket">
              Copy summary
            </CopyButton>
          )}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div aria-live="polite" aria-atomic="true" className="flex flex-wrap items-center gap-3">
            {status === undefined ? (
              <span className="text-muted text-sm">
                {problem ? 'Status unknown' : 'Looking up the job…'}
              </span>
            ) : (
              <>
                <span className="sr-only">Status:</span>
                <JobStatusBadge status={status} size="lg" />
                <span className="text-sm">{statusHint(status)}</span>
              </>
            )}
          </div>
          <RefreshControls
            updatedAt={data ? dataUpdatedAt : undefined}
            fetching={isFetching}
            terminal={terminal}
            autoRefresh={autoRefresh}
            onRefresh={() => void query.refetch({ cancelRefetch: false })}
            onToggleAutoRefresh={() => setAutoRefresh((value) => !value)}
          />
        </div>
        {data && data.job.id.toLowerCase() !== jobId && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            Note: the API answered with a different id,{' '}
            <span className="font-mono">{data.job.id}</span>.
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

      {data ? (
        <>
          <JobFacts job={data.job} />
          <section aria-labelledby="results-heading" className="flex flex-col gap-3">
            <h2 id="results-heading" className="text-base font-semibold">
              Results{' '}
              <span className="text-muted font-normal tabular-nums">
                ({data.job.results.length})
              </span>
            </h2>
            {data.job.results.length > 0 ? (
              <JobGallery results={data.job.results} />
            ) : (
              <p className="text-muted text-sm">{emptyResultsText(data.job.status)}</p>
            )}
          </section>
          <RawResponse raw={data.raw} />
        </>
      ) : (
        !problem && <LoadingFacts />
      )}
    </article>
  )
}

function emptyResultsText(status: string): string {
  if (status === 'COMPLETED') return 'The job completed but the API returned no images.'
  if (status === 'ERROR') return 'The job failed; there are no images.'
  return 'No images yet: they appear here when the job completes.'
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
      {!terminal && (
        <button
          type="button"
          className="btn-secondary"
          onClick={onToggleAutoRefresh}
          aria-pressed={!autoRefresh}
        >
          {autoRefresh ? (
            <>
              <Pause aria-hidden="true" className="size-4" /> Pause auto-refresh
            </>
          ) : (
            <>
              <Play aria-hidden="true" className="size-4" /> Resume auto-refresh
            </>
          )}
        </button>
      )}
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
