// "Notify me" on the job page, loaded on demand: most visits never watch a job, so the toggle, its
// notes and the permission code stay out of the first load.
import { Suspense } from 'react'
import type { WatchToggleProps } from './WatchToggleButton.tsx'
import { lazyPart } from './lazy-part.ts'

const WatchToggleButton = lazyPart<WatchToggleProps>(() =>
  import('./WatchToggleButton.tsx').then((module) => ({ default: module.WatchToggle })),
)

export function WatchToggle(props: WatchToggleProps) {
  return (
    <Suspense fallback={null}>
      <WatchToggleButton {...props} />
    </Suspense>
  )
}
