// The one provider of an app's state: components read the parts of their app's scope
// (src/lib/app-scope.ts) — its settings, stores and request limiter — through it.
import { type ReactNode, createContext, use, useEffect, useState } from 'react'
import { type AppPart, type AppScope } from '../lib/app-scope.ts'
import { type RuntimeConfig, configPart } from '../config/runtime-config.ts'

const AppScopeContext = createContext<AppScope | null>(null)

export function AppScopeProvider({ scope, children }: { scope: AppScope; children: ReactNode }) {
  return <AppScopeContext value={scope}>{children}</AppScopeContext>
}

export function useAppScope(): AppScope {
  const scope = use(AppScopeContext)
  if (scope === null) throw new Error('No app around this component: render it inside <App>')
  return scope
}

/** The part's value in this component's app (made on first use). */
export function usePart<T>(part: AppPart<T>): T {
  return useAppScope().get(part)
}

/** The settings every feature reads (proxy path, polling bounds, demo mode, label, limits). */
export function useRuntimeConfig(): RuntimeConfig {
  return usePart(configPart)
}

export interface LazyAppPart<T> {
  /** Loads the part's code (its module); once loaded, the hook has the value at its first render. */
  readonly load: () => Promise<AppPart<T>>
  /** The part's value in this component's app, or undefined until its code has loaded. */
  readonly use: () => T | undefined
  /** Tells the handle the part's code is here (loaded by someone who imports it directly). */
  readonly arrived: (part: AppPart<T>) => void
  /** The part's value in `scope` if its code is here already, else undefined (nothing is loaded). */
  readonly peek: (scope: AppScope) => T | undefined
}

/**
 * A part whose code loads on demand — whose module must stay out of the chunk of whoever uses it
 * (say, Recent's batch list for the batch page, or the kind registry for a list that names kinds).
 */
export function lazyAppPart<T>(load: () => Promise<AppPart<T>>): LazyAppPart<T> {
  let loaded: AppPart<T> | undefined
  const loadNow = () => load().then((part) => (loaded = part))
  function useLazyPart(): T | undefined {
    const scope = useAppScope()
    const [part, setPart] = useState(() => loaded)
    useEffect(() => {
      if (part === undefined) void loadNow().then(setPart)
    }, [part])
    return part === undefined ? undefined : scope.get(part)
  }
  return {
    load: loadNow,
    use: useLazyPart,
    arrived: (part) => {
      loaded = part
    },
    peek: (scope) => (loaded === undefined ? undefined : scope.get(loaded)),
  }
}
