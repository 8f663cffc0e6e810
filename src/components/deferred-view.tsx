// A view whose code comes in a chunk of its own and appears in a page already on screen, without
// suspending (a kind's results view: src/kinds/lazy-results-view.tsx). Apart from lazy-part.tsx so
// that only the pages that show one carry it.
import { type ComponentType, type ReactNode, useEffect, useState } from 'react'

/** A view whose code may still be on its way, shown without suspending (see `deferredView`). */
export interface DeferredView<P extends object> {
  /** Loads the view's code (once); resolves when it is in or has failed to load. */
  readonly load: () => Promise<void>
  /** The view once loaded; until then `pending` in its place, `failed` if the code cannot load. */
  readonly View: ComponentType<P>
}

/**
 * A view that comes in a chunk of its own and appears in a page already on screen (a kind's results
 * view, when the answer shows which kind it is). React.lazy would suspend it, and React then holds
 * the boundary's content back for at least 300 ms after its fallback (its fallback throttle), far
 * longer than the chunk takes; this one shows `pending` and re-renders the moment the code is in.
 * Calling `load` early (with the answer, before the page renders it) spares even that.
 */
export function deferredView<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  { pending, failed }: { pending: ReactNode; failed: ReactNode },
): DeferredView<P> {
  let loaded: ComponentType<P> | undefined
  let loading: Promise<ComponentType<P> | undefined> | undefined
  const loadOnce = () =>
    (loading ??= load().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        console.warn('A view could not be loaded:', error)
        return undefined
      },
    ))
  function View(props: P) {
    const [state, setState] = useState<{ Component?: ComponentType<P>; failed?: true }>(() =>
      loaded === undefined ? {} : { Component: loaded },
    )
    useEffect(() => {
      if (state.Component !== undefined || state.failed) return
      let mounted = true
      void loadOnce().then((Component) => {
        if (mounted) setState(Component === undefined ? { failed: true } : { Component })
      })
      return () => {
        mounted = false
      }
    }, [state])
    const { Component } = state
    if (Component !== undefined) return <Component {...props} />
    return state.failed ? failed : pending
  }
  return { load: () => loadOnce().then(() => undefined), View }
}
