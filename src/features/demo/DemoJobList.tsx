import { Link } from 'wouter'
import { kindWord, lazyKinds } from '../../kinds/lazy-kinds.ts'
import { demoJobs } from '../../lib/demo-jobs.ts'

/** In demo mode, the simulated jobs as links, each with a word on what it shows. */
export function DemoJobList() {
  const kinds = lazyKinds.use()
  return (
    <section aria-labelledby="demo-jobs-heading" className="card p-4">
      <h2 id="demo-jobs-heading" className="text-base font-semibold">
        Demo jobs
      </h2>
      <p className="text-muted mt-1 text-sm">
        No API key is configured, so Jobscope answers from a built-in demo upstream. Each job below
        shows one situation.
      </p>
      <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-700">
        {demoJobs.map((job) => (
          <li
            key={job.id}
            className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:gap-4"
          >
            <Link
              className="link shrink-0 font-mono text-sm break-all sm:break-normal sm:whitespace-nowrap"
              href={`/jobs/${job.id}`}
            >
              {job.id}
            </Link>
            <span className="text-sm">
              <span className="mr-2 inline-block w-14 text-xs font-semibold tracking-wide text-zinc-700 uppercase dark:text-zinc-300">
                {job.kind === null ? 'None' : kindWord(kinds, job.kind)}
              </span>
              {job.label}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
