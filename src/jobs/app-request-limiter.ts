// The app's one request limiter: watched jobs and batch rows share it, so however many of them poll
// at once, the API sees at most APP_MAX_IN_FLIGHT requests from this tab, paced under the proxy's
// per-client rate (config.json's rateLimit) so normal use never meets a 429. One per QueryClient
// (the app has one; every test makes its own), created on first use.
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useRuntimeConfig } from '../config/runtime-config.tsx'
import { type RequestLimiter, createRequestLimiter } from './request-limiter.ts'

export const APP_MAX_IN_FLIGHT = 6

const limiters = new WeakMap<QueryClient, RequestLimiter>()

/** `perSecond`: the proxy's rate for this client, or null when it sets none. */
export function appRequestLimiter(client: QueryClient, perSecond: number | null): RequestLimiter {
  let limiter = limiters.get(client)
  if (limiter === undefined) {
    limiter = createRequestLimiter(APP_MAX_IN_FLIGHT, { perSecond })
    limiters.set(client, limiter)
  }
  return limiter
}

export function useAppRequestLimiter(): RequestLimiter {
  return appRequestLimiter(useQueryClient(), useRuntimeConfig().rateLimitPerSecond)
}
