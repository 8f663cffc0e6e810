// The one provider of an app's state: components read the parts of their app's scope
// (src/lib/app-scope.ts) — its settings, stores and request limiter — through it.
import { type ReactNode, createContext, use } from 'react'
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
