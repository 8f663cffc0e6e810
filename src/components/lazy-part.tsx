// Code loaded on demand, in the two ways the app needs it.
import { type ComponentType, type ReactNode, lazy, useState } from 'react'

/** A part of a page loaded on demand; `preload` fetches its code early (after the first paint, say). */
export interface LazyPart<P extends object> {
  (props: P): ReactNode
  preload: () => void
}

/**
 * React.lazy for a part of a page that the page can do without until it arrives (the watch list, the
 * timeline, the Notify me toggles, the copy buttons): if its chunk cannot be loaded — a deploy
 * replaced the files, the network dropped — `ifMissing` (by default nothing) stands in for it instead
 * of taking the page (or, in the header, the app) down. Once its code is in, it renders at once
 * rather than suspending for a frame.
 */
export function lazyPart<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  ifMissing: ComponentType<P> = () => null,
): LazyPart<P> {
  let loaded: ComponentType<P> | undefined
  let loading: Promise<{ default: ComponentType<P> }> | undefined
  const loadOnce = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default
        return module
      },
      (error: unknown) => {
        console.warn('A part of the page could not be loaded and is left out:', error)
        loaded = ifMissing
        return { default: ifMissing }
      },
    ))
  const Lazy = lazy(loadOnce)
  function Part(props: P) {
    // Chosen once per mount: switching from the lazy one to the loaded one later would remount it.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy)
    return <Component {...props} />
  }
  Part.preload = () => void loadOnce()
  return Part
}

export interface LazyView<P extends object> {
  /** Loads the view's code; once it has, the view renders at once. */
  readonly load: () => Promise<void>
  /** The view: rendered directly once loaded, else suspending (inside a Suspense) until it is. */
  readonly View: ComponentType<P>
}

/**
 * A view of a first screen (the job page, Recent): its chunk is preloaded while the app's bundle
 * arrives and awaited before the first render (src/main.tsx). A lazy component suspends on its first
 * render however ready its code is, and React then holds the page back ~300 ms (its fallback
 * throttle); this one renders directly once loaded.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | undefined
  const loadNow = () => load().then((component) => (loaded = component))
  const Lazy = lazy(() => loadNow().then((component) => ({ default: component })))
  function View(props: P) {
    // Chosen once per mount: switching from the lazy one to the loaded one later would remount it.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy)
    return <Component {...props} />
  }
  return { load: () => loadNow().then(() => undefined), View }
}
