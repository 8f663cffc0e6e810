// The results section: the job's kind draws them (a gallery, a transcript, audio players).
import type { JobBase } from '../../api/job-base.ts'
import { useKinds } from '../../kinds/registry.ts'

export function JobResults({ job }: { job: JobBase }) {
  const entry = useKinds().of(job)
  const count = entry.resultCount(job)
  const { ResultsView } = entry
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-3">
      <h2 id="results-heading" className="text-base font-semibold">
        Results <span className="text-muted font-normal tabular-nums">({count})</span>
      </h2>
      {count > 0 ? (
        <ResultsView job={job} />
      ) : (
        <p className="text-muted text-sm">{entry.emptyResultsText(job.status)}</p>
      )}
    </section>
  )
}
