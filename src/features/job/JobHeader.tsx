// The top of the job page: the id with its copy buttons, then the status in one line — kind, badge,
// the API's word and a plain hint — how long it has been so, the watch toggle and the refresh
// controls, and what to do next when the status calls for a person.
import { useEffect } from 'react'
import { CopyButton } from '../../components/CopyButton.tsx'
import { JobIdText } from '../../components/JobIdText.tsx'
import { JobStatusBadge, statusHint, statusNextStep } from '../../components/JobStatusBadge.tsx'
import { useNow } from '../../components/use-now.ts'
import type { WatchedJob } from '../../jobs/job-data.ts'
import { isTerminalStatus } from '../../jobs/job-status.ts'
import { kindsSentence } from '../../lib/job-kinds.ts'
import { useKinds } from '../../kinds/registry.ts'
import { afterNextPaint } from '../../lib/after-paint.ts'
import { WatchToggle } from '../watch/public.ts'
import { RefreshControls } from './RefreshControls.tsx'
import { jobSummary, loadSummary } from './summary-loader.ts'
import { timeInStatusText } from './time-in-status.ts'
import type { JobWatch } from './use-job-watch.ts'

export function JobHeader({ jobId, watch }: { jobId: string; watch: JobWatch }) {
  const data = watch.query.data
  const job = data?.job
  const terminal = job !== undefined && isTerminalStatus(job.status)
  const nextStep = job === undefined ? null : statusNextStep(job.status)
  return (
    <header className="flex flex-col gap-3">
      <JobTitle jobId={jobId} data={data} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <StatusLine watch={watch} />
          {data && !terminal && <TimeInStatus data={data} />}
        </div>
        {job && !terminal && <WatchToggle id={jobId} kind={job.kind} status={job.status} />}
        {!watch.notFound && <RefreshControls watch={watch} />}
      </div>
      {nextStep !== null && (
        <p className="max-w-prose text-sm">
          <span className="font-semibold">Next step: </span>
          {nextStep}
        </p>
      )}
      {data && <AnswerNotes jobId={jobId} data={data} />}
    </header>
  )
}

/** The id, and what a support person copies into a ticket. */
function JobTitle({ jobId, data }: { jobId: string; data: WatchedJob | undefined }) {
  const kinds = useKinds()
  const job = data?.job
  const hasJob = job !== undefined
  useEffect(() => (hasJob ? afterNextPaint(() => void loadSummary()) : undefined), [hasJob])
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h1 id="job-heading" className="text-muted text-sm font-medium">
        Job{' '}
        <span className="font-mono text-base text-zinc-900 dark:text-zinc-100">
          <JobIdText id={jobId} />
        </span>
      </h1>
      <CopyButton text={jobId} label="Copy id" />
      {job && (
        <>
          <CopyButton
            text={() => jobSummary(kinds.of(job), job, 'text')}
            label="Copy summary for a ticket"
          >
            Copy summary
          </CopyButton>
          <CopyButton
            text={() => jobSummary(kinds.of(job), job, 'markdown')}
            label="Copy as Markdown: the summary for helpdesks that render it"
          >
            Copy as Markdown
          </CopyButton>
        </>
      )}
    </div>
  )
}

/** Kind, badge and hint, announced to screen readers as they change. */
function StatusLine({ watch }: { watch: JobWatch }) {
  const kinds = useKinds()
  const job = watch.query.data?.job
  return (
    <div aria-live="polite" aria-atomic="true" className="flex flex-wrap items-center gap-3">
      {job === undefined ? (
        !watch.notFound && (
          <span className="text-muted text-sm">
            {watch.problem ? 'Status unknown' : 'Looking up the job…'}
          </span>
        )
      ) : (
        <>
          <span className="rounded border border-zinc-300 px-1.5 py-0.5 text-xs font-semibold tracking-wide text-zinc-700 uppercase dark:border-zinc-600 dark:text-zinc-300">
            <span className="sr-only">Kind: </span>
            {kinds.of(job).label}
          </span>
          <span className="sr-only">Status:</span>
          <JobStatusBadge status={job.status} size="lg" />
          <span className="text-sm">{statusHint(job.status, kinds.of(job).processingHint)}</span>
        </>
      )}
    </div>
  )
}

function TimeInStatus({ data }: { data: WatchedJob }) {
  const now = useNow(1_000)
  return (
    <p className="text-muted text-sm tabular-nums">
      {timeInStatusText(data.job.status, now - data.statusSince, data.sawStatusBegin)}
    </p>
  )
}

/** What was odd about the answer: another id, or another kind that knows the id too. */
function AnswerNotes({ jobId, data }: { jobId: string; data: WatchedJob }) {
  const kinds = useKinds()
  const { job, alsoFoundIn } = data
  return (
    <>
      {job.id.toLowerCase() !== jobId && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Note: the API answered with a different id, <span className="font-mono">{job.id}</span>.
        </p>
      )}
      {alsoFoundIn.length > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Note: {kindsSentence(alsoFoundIn)} also {alsoFoundIn.length === 1 ? 'has' : 'have'} a job
          with this id. Showing the {job.kind} job ({kindsSentence(kinds.names)} are asked in that
          order).
        </p>
      )}
    </>
  )
}
