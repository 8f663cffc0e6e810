// App-wide React Query defaults: the retry decisions come from the polling policy, in one place.
import { QueryClient } from '@tanstack/react-query'
import { retryDelay, shouldRetry } from '../jobs/polling-policy.ts'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay,
        // Polling pauses while the tab is hidden; focus brings an immediate check instead.
        refetchIntervalInBackground: false,
      },
    },
  })
}
