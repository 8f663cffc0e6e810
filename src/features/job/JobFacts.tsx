// The compact facts grid: model, created, finished, duration, and what the job's kind adds (token
// usage and service tier for chat).
import type { Job } from '../../api/job.ts'
import { JobTime } from '../../components/JobTime.tsx'
import { useNow } from '../../components/use-now.ts'
import { isTerminalStatus } from '../../jobs/job-status.ts'
import { kindEntry } from '../../kinds/registry.tsx'
import { formatDuration, formatElapsed } from '../../lib/time.ts'

export function JobFacts({ job }: { job: Job }) {
  const now = useNow(1_000)
  const terminal = isTerminalStatus(job.status)
  return (
    <dl className="card grid grid-cols-1 gap-x-6 gap-y-3 p-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
      <Fact term="Model">
        {job.model ? (
          <span className="font-mono break-all">{job.model}</span>
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
      {kindEntry(job.kind)
        .facts(job)
        .map(({ label, value }) => (
          <Fact key={label} term={label}>
            {value === '—' ? (
              <span className="text-muted">—</span>
            ) : (
              <span className="tabular-nums break-all">{value}</span>
            )}
          </Fact>
        ))}
    </dl>
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
