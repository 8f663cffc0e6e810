// Reads and checks the :id URL parameter, then hands off to the job feature.
import { Suspense, lazy, useEffect, useState } from 'react'
import { Link, useLocation, useSearch } from 'wouter'
import { isKindName } from '../../lib/job-kinds.ts'
import type { JobPage as JobPageComponent } from '../../features/job/JobPage.tsx'
import { isJobId } from '../../lib/job-id.ts'

// The job page's code loads on demand: preloaded on /jobs/:id by src/early-lookup.ts while this
// bundle downloads, awaited before the first render there (main.tsx), fetched on `/` when the id box
// gets the focus. Once loaded it is rendered directly: a lazy component suspends on its first render
// however ready its code is, and React then holds the page back ~300 ms (its fallback throttle).
interface JobPageModule {
  readonly JobPage: typeof JobPageComponent
}
let jobPageModule: JobPageModule | undefined

export function loadJobPage(): Promise<JobPageModule> {
  return import('../../features/job/JobPage.tsx').then((module) => (jobPageModule = module))
}
const LazyJobPage = lazy(() => loadJobPage().then(({ JobPage }) => ({ default: JobPage })))

export function JobRoute({ rawId }: { rawId: string }) {
  const [, navigate] = useLocation()
  // `?kind=images|chat|speech` asks only that endpoint; any other value is ignored (a full search):
  // the job page knows which kinds there are.
  const kindParam = new URLSearchParams(useSearch()).get('kind')
  const kindHint = isKindName(kindParam) ? kindParam : undefined
  const id = safeDecode(rawId).trim()
  const canonical = id.toLowerCase()
  const valid = isJobId(id)
  // Chosen once per visit: switching from the lazy to the loaded one later would remount the page.
  const [JobPage] = useState(() => jobPageModule?.JobPage ?? LazyJobPage)

  // One URL per job: uppercase or padded ids are rewritten in place, without a history entry.
  useEffect(() => {
    if (valid && rawId !== canonical) {
      navigate(`/jobs/${canonical}${kindHint ? `?kind=${kindHint}` : ''}`, { replace: true })
    }
  }, [valid, rawId, canonical, kindHint, navigate])

  if (!valid) {
    return (
      <div role="alert" className="card p-4">
        <p className="font-semibold">That is an invalid job id</p>
        <p className="mt-1 text-sm break-all">
          “<span className="font-mono">{id}</span>” is not a UUID v4, so it was not looked up.
        </p>
        <Link className="link mt-2 inline-block" href="/">
          Look up another job
        </Link>
      </div>
    )
  }
  // keyed so a different job starts with fresh page state (pause, lightbox)
  return (
    <Suspense fallback={<p className="text-muted text-sm">Looking up the job…</p>}>
      <JobPage key={canonical} jobId={canonical} kindHint={kindHint} />
    </Suspense>
  )
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
