// A kind's results view in a chunk of its own (chat's transcript, speech's players): the job page
// shows a line in its place until the code is in, without suspending (components/deferred-view.tsx), and
// its first render awaits `load` with the first answer (src/main.tsx), so it rarely shows at all.
import { type ComponentType } from 'react'
import { type DeferredView, deferredView } from '../components/deferred-view.tsx'

export function lazyResultsView<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): DeferredView<P> {
  return deferredView(load, {
    pending: <p className="text-muted text-sm">Loading the results view…</p>,
    failed: (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        The results view could not be loaded. Reload the page to try again.
      </p>
    ),
  })
}
