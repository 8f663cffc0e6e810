// "Notify me" on the job page, loaded on demand: most visits never watch a job, so the toggle, its
// notes and the permission code stay out of the first load.
import { Suspense, lazy } from 'react'
import type { JobKind } from '../api/job-kinds.ts'

const WatchToggleButton = lazy(() =>
  import('./WatchToggleButton.tsx').then((module) => ({ default: module.WatchToggle })),
)

export function WatchToggle(props: { id: string; kind?: JobKind; status?: string }) {
  return (
    <Suspense fallback={null}>
      <WatchToggleButton {...props} />
    </Suspense>
  )
}
