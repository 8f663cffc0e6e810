import { useRuntimeConfig } from '../../config/runtime-config.tsx'
import { DemoJobList } from '../../features/demo/DemoJobList.tsx'
import { JobIdForm } from '../../features/lookup/JobIdForm.tsx'
import { RecentLookups } from '../../features/recent/RecentLookups.tsx'

export function HomeRoute() {
  const { demo } = useRuntimeConfig()
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <section className="card flex flex-col gap-3 p-5">
        <h1 className="text-xl font-semibold">Look up an image job</h1>
        <JobIdForm variant="hero" inputId="job-id-input" />
        <p className="text-muted text-sm">
          Paste a job id, a URL or a log line that contains one — Jobscope finds the id. Several ids
          at once open the batch view. Press <kbd className="font-mono">/</kbd> anywhere to come
          back to this box.
        </p>
      </section>
      <RecentLookups />
      {demo && <DemoJobList />}
    </div>
  )
}
