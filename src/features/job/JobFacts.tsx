// The compact facts grid: model, created, finished, duration, and what the job's kind adds (token
// usage and service tier for chat).
import type { JobBase as Job } from '../../api/job-base.ts'
import { JobTime } from '../../components/JobTime.tsx'
import { useNow } from '../../components/use-now.ts'
import { isTerminalStatus } from '../../jobs/job-status.ts'
import type { JobKindEntry } from '../../kinds/kind.ts'
import { useKinds } from '../../kinds/registry.ts'
import { shortText } from '../../lib/text-cut.ts'
import { formatDuration, formatElapsed } from '../../lib/time.ts'

/** Fields listed under "Other fields" at most, and characters of each value shown. */
const OTHER_FIELDS_SHOWN = 12
const OTHER_VALUE_CHARS = 120

/** Top-level fields the API sent that this version does not show, as `name value` (compact JSON). */
export function otherFields(
  entry: JobKindEntry,
  raw: unknown,
): Array<[name: string, value: string]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return []
  const known = new Set<string>(entry.fields)
  return Object.entries(raw as Record<string, unknown>)
    .filter(([name]) => !known.has(name))
    .map(([name, value]) => [
      name,
      shortText(
        typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'),
        OTHER_VALUE_CHARS,
      ),
    ])
}

export function JobFacts({ job, raw }: { job: Job; raw: unknown }) {
  const entry = useKinds().of(job)
  const now = useNow(1_000)
  const terminal = isTerminalStatus(job.status)
  return (
    <dl className="card grid grid-cols-2 gap-x-6 gap-y-3 p-4 text-sm lg:grid-cols-4">
      <Fact term="Model">
        {job.model ? (
          <span className="font-mono break-words">{job.model}</span>
        ) : (
          <span className="text-muted">not reported</span>
        )}
      </Fact>
      <Fact term="Created">
        <JobTime value={job.created} now={now} absentText="not reported" />
      </Fact>
      <Fact term="Finished">
        <JobTime
          value={job.finished}
          now={now}
          absentText={terminal ? 'not reported' : 'not finished yet'}
        />
      </Fact>
      <Fact term="Duration">
        <JobDuration job={job} now={now} terminal={terminal} />
      </Fact>
      {entry.facts(job).map(({ label, value }) => (
        <Fact key={label} term={label}>
          {value === '—' ? (
            <span className="text-muted">—</span>
          ) : (
            <span className="tabular-nums break-all">{value}</span>
          )}
        </Fact>
      ))}
      <OtherFields fields={otherFields(entry, raw)} />
    </dl>
  )
}

/** What the API sent beyond the documented fields, so it is seen without opening the raw JSON. */
function OtherFields({ fields }: { fields: ReadonlyArray<[string, string]> }) {
  if (fields.length === 0) return null
  const shown = fields.slice(0, OTHER_FIELDS_SHOWN)
  return (
    <div className="col-span-full min-w-0 border-t border-zinc-200 pt-3 dark:border-zinc-700">
      <dt className="text-muted text-xs font-medium tracking-wide uppercase">Other fields</dt>
      <dd className="mt-0.5 flex flex-wrap gap-x-4 gap-y-1">
        {shown.map(([name, value]) => (
          <span key={name} className="min-w-0 break-all">
            <span className="font-mono">{name}</span> <span className="font-mono">{value}</span>
          </span>
        ))}
        {fields.length > shown.length && (
          <span className="text-muted">
            and {fields.length - shown.length} more (see the raw response)
          </span>
        )}
      </dd>
    </div>
  )
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-muted text-xs font-medium uppercase tracking-wide">{term}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  )
}

function JobDuration({ job, now, terminal }: { job: Job; now: number; terminal: boolean }) {
  const { created, finished } = job
  if (created.kind !== 'valid') return <span className="text-muted">unknown</span>
  if (finished.kind === 'valid') {
    const ms = finished.date.getTime() - created.date.getTime()
    return (
      <span className="tabular-nums">
        {formatDuration(ms)}
        {ms < 0 && (
          <span className="text-xs text-amber-800 dark:text-amber-300">
            {' '}
            (finished before created?)
          </span>
        )}
        <span className="text-muted block text-xs">created → finished</span>
      </span>
    )
  }
  if (terminal) return <span className="text-muted">unknown</span>
  return (
    <span className="tabular-nums">
      {formatElapsed(now - created.date.getTime())} so far
      <span className="text-muted block text-xs">since created</span>
    </span>
  )
}

/** Where the facts will be, while the first answer is on its way. */
export function JobFactsPlaceholder() {
  return (
    <div
      className="card grid animate-pulse grid-cols-2 gap-3 p-4 lg:grid-cols-4"
      aria-hidden="true"
    >
      {[0, 1, 2, 3].map((cell) => (
        <div key={cell} className="h-10 rounded bg-zinc-200 dark:bg-zinc-700" />
      ))}
    </div>
  )
}
