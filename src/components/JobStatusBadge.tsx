// A job status as colour, icon and the API's own word together — never colour alone — plus a one-line
// plain-language hint. Unknown words are shown exactly as received.
import {
  CheckCircle2,
  CircleDot,
  Clock,
  HelpCircle,
  Link2,
  Loader2,
  type LucideIcon,
  PauseCircle,
  XCircle,
} from 'lucide-react'
import { type KnownJobStatus, isKnownJobStatus } from '../jobs/job-status.ts'

interface StatusPresentation {
  readonly icon: LucideIcon
  readonly tone: string
  readonly hint: string
  readonly spin?: boolean
}

const PRESENTATION: Record<KnownJobStatus, StatusPresentation> = {
  CREATED: {
    icon: CircleDot,
    tone: 'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600',
    hint: 'Received, not queued yet.',
  },
  QUEUED: {
    icon: Clock,
    tone: 'bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-700',
    hint: 'Waiting for a worker.',
  },
  POSTPONED: {
    icon: PauseCircle,
    tone: 'bg-amber-50 text-amber-900 ring-amber-400 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-600',
    hint: 'Delayed; the service will try again.',
  },
  ASSIGNED_CONNECTIONS: {
    icon: Link2,
    tone: 'bg-indigo-50 text-indigo-900 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-700',
    hint: 'A worker took it; starting.',
  },
  PROCESSING: {
    icon: Loader2,
    tone: 'bg-blue-50 text-blue-900 ring-blue-300 dark:bg-blue-950 dark:text-blue-100 dark:ring-blue-700',
    hint: 'Working on it.',
    spin: true,
  },
  COMPLETED: {
    icon: CheckCircle2,
    tone: 'bg-emerald-50 text-emerald-900 ring-emerald-400 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-700',
    hint: 'Done; results below.',
  },
  ERROR: {
    icon: XCircle,
    tone: 'bg-red-50 text-red-900 ring-red-400 dark:bg-red-950 dark:text-red-100 dark:ring-red-700',
    hint: 'Failed; no results.',
  },
}

const UNKNOWN: StatusPresentation = {
  icon: HelpCircle,
  tone: 'bg-zinc-100 text-zinc-800 ring-zinc-400 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-500',
  hint: 'A status this version does not know — shown as received.',
}

export function statusPresentation(status: string): StatusPresentation {
  return isKnownJobStatus(status) ? PRESENTATION[status] : UNKNOWN
}

/**
 * The plain-language hint for a status. `processingHint` says what PROCESSING means for the job's
 * kind ("Generating images.", "Generating the answer.").
 */
export function statusHint(status: string, processingHint?: string): string {
  if (status === 'PROCESSING' && processingHint !== undefined) return processingHint
  return statusPresentation(status).hint
}

/**
 * What a support person can do about a status that will not fix itself: ERROR, and words this version
 * does not know. Null for the statuses that need nothing from them.
 */
export function statusNextStep(status: string): string | null {
  if (status === 'ERROR') {
    return 'The API gives no reason for the failure. Ask the customer to submit the job again; if it fails again, escalate with this page’s summary (Copy summary).'
  }
  if (!isKnownJobStatus(status)) {
    return 'Jobscope keeps checking in case it changes. Everything the API sent is under “Raw response” below; report the word to the Jobscope team so a future version can explain it.'
  }
  return null
}

interface JobStatusBadgeProps {
  status: string
  size?: 'sm' | 'lg'
}

export function JobStatusBadge({ status, size = 'sm' }: JobStatusBadgeProps) {
  const { icon: Icon, tone, spin } = statusPresentation(status)
  const large = size === 'lg'
  return (
    <span
      className={`inline-flex max-w-full items-center gap-1.5 rounded-md font-semibold tracking-wide ring-1 ring-inset ${tone} ${
        large ? 'px-3 py-1.5 text-base' : 'px-2 py-0.5 text-xs'
      }`}
    >
      <Icon
        aria-hidden="true"
        className={`shrink-0 ${large ? 'size-5' : 'size-3.5'} ${spin ? 'motion-safe:animate-spin' : ''}`}
      />
      <span className="truncate font-mono">{status === '' ? '(empty status)' : status}</span>
    </span>
  )
}
