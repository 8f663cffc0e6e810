// React.lazy for a part of a page that the page can do without (the watch list, the timeline, the
// Notify me toggle): if its chunk cannot be loaded — a deploy replaced the files, the network
// dropped — the part is left out instead of taking the page (or, in the header, the app) down.
import { type ComponentType, lazy } from 'react'

export function lazyPart<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  const nothing: ComponentType<P> = () => null
  return lazy(() =>
    load().catch((error: unknown) => {
      console.warn('A part of the page could not be loaded and is left out:', error)
      return { default: nothing }
    }),
  )
}
