// Renders the real app (routes, layout, React Query defaults) at a chosen URL, in memory.
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { vi } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { App } from '../../src/app/App.tsx'
import { AppScopeProvider } from '../../src/components/app-scope.tsx'
import { createApp } from '../../src/app/create-app.ts'
import { DEFAULT_RUNTIME_CONFIG, type RuntimeConfig } from '../../src/config/runtime-config.ts'
import { createQueryClient } from '../../src/jobs/query-client.ts'
import type { GivenValue } from '../../src/lib/app-scope.ts'
import { trackApp, trackQueryClient } from './support/query-clients.ts'

// Captured before any test fakes timers: a real macrotask to yield to the event loop.
const realSetTimeout = globalThis.setTimeout

export interface TestQueryClientOptions {
  /**
   * Keep the app's retry decisions (which errors, how many times) but wait 1 ms between attempts
   * instead of 1 s, 2 s, 4 s, for tests that run on real timers.
   */
  fastRetries?: boolean
}

/** The app's own QueryClient (its retry policy included), disposed of after the test. */
export function createTestQueryClient({ fastRetries = false }: TestQueryClientOptions = {}) {
  const client = createQueryClient()
  if (fastRetries) {
    client.setDefaultOptions({
      ...client.getDefaultOptions(),
      queries: { ...client.getDefaultOptions().queries, retryDelay: 1 },
    })
  }
  return trackQueryClient(client)
}

export interface RenderAppOptions {
  /** Where the app starts, e.g. `/jobs/<id>`. */
  path?: string
  config?: Partial<RuntimeConfig>
  queryClient?: QueryClient
  /** Parts the app is given instead of making them (another kind registry, say). */
  given?: readonly GivenValue[]
}

/** A fresh app with the test's settings, disposed of after the test. */
function makeTestApp({ config, queryClient, given }: Omit<RenderAppOptions, 'path'>) {
  return trackApp(
    createApp({
      config: { ...DEFAULT_RUNTIME_CONFIG, apiBase: '/api', ...config },
      queryClient: queryClient ?? createTestQueryClient(),
      ...(given === undefined ? {} : { given }),
    }),
  )
}

/**
 * A fresh app — its own stores, QueryClient and settings, as a page load makes — rendered at `path`.
 * It is disposed of after the test; `close()` ends it earlier (a reload: render another after it).
 */
export function renderApp({ path = '/', config, queryClient, given }: RenderAppOptions = {}) {
  const memory = memoryLocation({ path, record: true })
  const app = makeTestApp({ config, queryClient, given })
  // advanceTimers lets user-event's own pauses pass under fake timers; harmless on real ones.
  const user = userEvent.setup({
    advanceTimers: (ms) => {
      if (vi.isFakeTimers()) vi.advanceTimersByTime(ms)
    },
  })
  const view = render(
    <Router hook={memory.hook} searchHook={memory.searchHook}>
      <App app={app} />
    </Router>,
  )
  return {
    ...view,
    user,
    app,
    queryClient: app.queryClient,
    /** The page goes away: unmounted, its app disposed (stores write what is pending, as on pagehide). */
    close: () => {
      view.unmount()
      app.dispose()
    },
    /** The path the app is at now, with its query string. */
    currentPath: () => memory.history.at(-1),
    /** The path the app is at now, without its query string (`?kind=` is added once known). */
    currentPathname: () => memory.history.at(-1)?.split('?', 1)[0],
    /** Every path visited, in order (replaced entries are overwritten, as in the browser). */
    history: memory.history,
  }
}

/**
 * A fresh app's providers (its scope, its QueryClient, a router at `path`) for renderHook: hooks
 * that read the app's stores run as they do inside the app.
 */
export function appWrapper({ path = '/', config, queryClient, given }: RenderAppOptions = {}) {
  const memory = memoryLocation({ path })
  const app = makeTestApp({ config, queryClient, given })
  function wrapper({ children }: { children: ReactNode }) {
    return (
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <AppScopeProvider scope={app.scope}>
          <QueryClientProvider client={app.queryClient}>{children}</QueryClientProvider>
        </AppScopeProvider>
      </Router>
    )
  }
  return { app, wrapper }
}

/**
 * Moves fake time forward in small steps inside act(), yielding to the real event loop between
 * steps so responses that arrive mid-way are handled before the next timer fires — as in a browser.
 */
export async function advanceTime(totalMs: number, stepMs = 100): Promise<void> {
  for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(stepMs, totalMs - elapsed))
    })
    await act(() => new Promise<void>((resolve) => realSetTimeout(resolve, 0)))
  }
}
