import { Suspense } from 'react'
import { useRuntimeConfig } from '../../components/app-scope.tsx'
import type { RuntimeConfig } from '../../config/runtime-config.ts'
import { demoJobList } from '../../features/demo/public.ts'
import { jobPage } from '../../features/job/public.ts'
import { JobIdForm } from '../../features/lookup/public.ts'
import { recentLookups } from '../../features/recent/public.ts'
import { JOB_KINDS, kindsSentence } from '../../lib/job-kinds.ts'

/**
 * The home page's own views, awaited by main.tsx: Recent (preloaded on `/` by src/early-lookup.ts)
 * and, in demo mode only, the demo jobs' list, once the settings say so.
 */
export function loadHomeViews(config: Promise<Pick<RuntimeConfig, 'demo'>>): Promise<unknown> {
  return Promise.all([
    recentLookups.load(),
    config.then(({ demo }) => (demo ? demoJobList.load() : undefined)),
  ])
}

/** `submitted`: text from the address bar's search that holds no id, shown in the box with why. */
export function HomeRoute({ submitted }: { submitted?: string } = {}) {
  const { demo } = useRuntimeConfig()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      {/* Someone in the box is about to open a job: fetch the job page's code meanwhile. */}
      <section className="card flex flex-col gap-3 p-5" onFocus={() => void jobPage.load()}>
        <h1 className="text-xl font-semibold">Look up a job</h1>
        <JobIdForm variant="hero" inputId="job-id-input" submitted={submitted} />
        <p className="text-muted text-sm">
          Paste a job id of any kind — {kindsSentence(JOB_KINDS, 'or')} — or a URL or a log line
          that contains one: Jobscope finds the id and its kind. Several ids at once open the batch
          view. Press <kbd className="font-mono">/</kbd> anywhere to come back to this box.
        </p>
      </section>
      <Suspense fallback={null}>
        <recentLookups.View />
        {demo && <demoJobList.View />}
      </Suspense>
    </div>
  )
}
