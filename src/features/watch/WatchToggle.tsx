// The "Notify me" toggles, loaded on demand with the page that shows them: most visits never watch a
// job, so the toggles, their notes and the permission code stay out of the first load. A toggle
// whose code cannot load is left out (lazyPart); the page works without it.
import { Suspense } from 'react'
import { lazyPart } from '../../components/lazy-part.tsx'
import type { WatchableRow } from './WatchBatchToggles.tsx'
import type { WatchToggleProps } from './WatchToggleButton.tsx'

const JobToggle = lazyPart<WatchToggleProps>(() =>
  import('./WatchToggleButton.tsx').then((module) => ({ default: module.WatchToggle })),
)
const RowToggle = lazyPart<{ row: WatchableRow }>(() =>
  import('./WatchBatchToggles.tsx').then((module) => ({ default: module.WatchRowToggle })),
)
const BatchToggle = lazyPart<{ rows: readonly WatchableRow[] }>(() =>
  import('./WatchBatchToggles.tsx').then((module) => ({ default: module.WatchBatchToggle })),
)

/** The job page's toggle: "Notify me", with the choice to hear of every status change too. */
export function WatchToggle(props: WatchToggleProps) {
  return (
    <Suspense fallback={null}>
      <JobToggle {...props} />
    </Suspense>
  )
}

/** A batch row's bell. */
export function WatchRowToggle(props: { row: WatchableRow }) {
  return (
    <Suspense fallback={null}>
      <RowToggle {...props} />
    </Suspense>
  )
}

/** The whole batch: watch every row that is not final yet (or stop watching them all). */
export function WatchBatchToggle(props: { rows: readonly WatchableRow[] }) {
  return (
    <Suspense fallback={null}>
      <BatchToggle {...props} />
    </Suspense>
  )
}
