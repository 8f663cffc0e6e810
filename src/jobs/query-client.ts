// App-wide React Query defaults: the retry decisions come from the polling policy, in one place. The
// app's QueryClient is a part of its scope, given when the app is made.
import { QueryClient } from '@tanstack/query-core'
import { givenPart } from '../lib/app-scope.ts'
import { retryDelay, shouldRetry } from './polling-policy.ts'

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

export const queryClientPart = givenPart<QueryClient>('query client')
