// What a test made that must be stopped after it — its apps (their stores write what is pending, their
// QueryClients stop retrying and polling) and bare QueryClients — so nothing fires into the next test.
// Kept apart from render-app.tsx: setup files must not import app code, or vi.mock() of an app
// module in a test file would come too late to take effect.
import type { QueryClient } from '@tanstack/react-query'

const live = new Set<{ dispose: () => void }>()

export function trackQueryClient(client: QueryClient): QueryClient {
  live.add({ dispose: () => client.clear() })
  return client
}

/** An app made by renderApp, disposed of after the test (or earlier, by a test that "reloads"). */
export function trackApp<T extends { dispose: () => void }>(app: T): T {
  live.add(app)
  return app
}

export function disposeQueryClients(): void {
  for (const thing of live) thing.dispose()
  live.clear()
}
