import { Suspense, lazy, useState } from 'react'
import { JobIdForm } from '../../features/lookup/JobIdForm.tsx'
import type HomeListsComponent from './HomeLists.tsx'
import { loadJobPage } from './JobRoute.tsx'

// Recent and the demo list load on demand: preloaded on `/` by src/early-lookup.ts, awaited before
// the first render there (main.tsx), then rendered directly (see JobRoute.tsx for why).
interface HomeListsModule {
  readonly default: typeof HomeListsComponent
}
let homeListsModule: HomeListsModule | undefined

export function loadHomeLists(): Promise<HomeListsModule> {
  return import('./HomeLists.tsx').then((module) => (homeListsModule = module))
}
const LazyHomeLists = lazy(loadHomeLists)

export function HomeRoute() {
  // Chosen once per visit: switching from the lazy to the loaded one later would remount the lists.
  const [HomeLists] = useState(() => homeListsModule?.default ?? LazyHomeLists)
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
