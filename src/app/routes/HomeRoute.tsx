import { Suspense, lazy } from 'react'
import { JobIdForm } from '../../features/lookup/JobIdForm.tsx'
import { loadJobPage } from './JobRoute.tsx'

// Loaded on demand, and preloaded on `/` by src/early-lookup.ts while this bundle downloads.
const HomeLists = lazy(() => import('./HomeLists.tsx'))

export function HomeRoute() {
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      {/* Someone in the box is about to open a job: fetch the job page's code meanwhile. */}
      <section className="card flex flex-col gap-3 p-5" onFocus={() => void loadJobPage()}>
        <h1 className="text-xl font-semibold">Look up a job</h1>
        <JobIdForm variant="hero" inputId="job-id-input" />
        <p className="text-muted text-sm">
          Paste a job id — image, chat or speech — or a URL or a log line that contains one:
          Jobscope finds the id and its kind. Several ids at once open the batch view. Press{' '}
          <kbd className="font-mono">/</kbd> anywhere to come back to this box.
        </p>
      </section>
      <Suspense fallback={null}>
        <HomeLists />
      </Suspense>
    </div>
  )
}
