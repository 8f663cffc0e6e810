import { AlertTriangle, RefreshCw } from 'lucide-react'
import { describeProblem } from '../../jobs/describe-problem.ts'

interface JobErrorNoticeProps {
  error: unknown
  jobId: string
  /** A retry or poll is under way right now. */
  retrying: boolean
  /** Older data is still on screen below. */
  hasData: boolean
  autoRefresh: boolean
}

export function JobErrorNotice({
  error,
  jobId,
  retrying,
  hasData,
  autoRefresh,
}: JobErrorNoticeProps) {
  const description = describeProblem(error, jobId)
  const nextStep =
    description.retriesAutomatically && !autoRefresh && !retrying
      ? 'Auto-refresh is paused: press Refresh to try again.'
      : description.nextStep
  // A passing hiccup while the answer is on screen is a warning, not a failure.
  const tone =
    description.retriesAutomatically && hasData
      ? 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50'
      : 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50'
  return (
    <div role="alert" className={`rounded-lg border p-4 ${tone}`}>
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangle aria-hidden="true" className="size-5 shrink-0" />
        {description.title}
      </p>
      <p className="mt-1 break-words">{description.detail}</p>
      <p className="mt-1 flex items-center gap-1.5 text-sm">
        {retrying && <RefreshCw aria-hidden="true" className="size-3.5 motion-safe:animate-spin" />}
        {retrying ? 'Trying again now…' : nextStep}
      </p>
      {hasData && (
        <p className="mt-1 text-sm">The details below are from the last successful answer.</p>
      )}
      {description.rawBody !== undefined && (
        <details className="mt-2">
          <summary className="cursor-pointer py-0.5 text-sm font-medium">
            Show the raw response
          </summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded bg-white/70 p-2 text-xs whitespace-pre-wrap break-all dark:bg-black/40">
            {description.rawBody === '' ? '(empty body)' : description.rawBody}
          </pre>
        </details>
      )}
    </div>
  )
}
