// The QueryClients a test created, so setup.ts can stop their retries and polls after each test.
// Kept apart from render-app.tsx: setup files must not import app code, or vi.mock() of an app
// module in a test file would come too late to take effect.
import type { QueryClient } from '@tanstack/react-query'

const live = new Set<QueryClient>()

export function trackQueryClient(client: QueryClient): QueryClient {
  live.add(client)
  return client
}

export function disposeQueryClients(): void {
  for (const client of live) client.clear()
  live.clear()
}
