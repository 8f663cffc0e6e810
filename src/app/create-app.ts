// One app: its settings, its QueryClient and the scope that holds its state (stores, the request
// limiter, the kinds), made once per page by main.tsx — and once per test, so no test sees another's.
import type { QueryClient } from '@tanstack/query-core'
import { type RuntimeConfig, configPart } from '../config/runtime-config.ts'
import { createQueryClient, queryClientPart } from '../jobs/query-client.ts'
import { type AppScope, type GivenValue, createAppScope, give } from '../lib/app-scope.ts'

export interface JobscopeApp {
  readonly config: RuntimeConfig
  readonly queryClient: QueryClient
  readonly scope: AppScope
  /** Stops the app's queries and lets go of its parts (pending writes are written). */
  readonly dispose: () => void
}

export interface CreateAppOptions {
  readonly config: RuntimeConfig
  readonly queryClient?: QueryClient
  /** Values for parts the app would otherwise make itself (a test's kinds, say). */
  readonly given?: readonly GivenValue[]
}

export function createApp({
  config,
  queryClient = createQueryClient(),
  given = [],
}: CreateAppOptions): JobscopeApp {
  const scope = createAppScope([
    give(configPart, config),
    give(queryClientPart, queryClient),
    ...given,
  ])
  return {
    config,
    queryClient,
    scope,
    dispose() {
      queryClient.clear()
      scope.dispose()
    },
  }
}
