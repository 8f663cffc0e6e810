// The app's one request limiter: watched jobs and batch rows share it, so however many of them poll
// at once, the API sees at most APP_MAX_IN_FLIGHT requests from this tab. One per QueryClient (the
// app has one; every test makes its own), created on first use.
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { type RequestLimiter, createRequestLimiter } from './request-limiter.ts'

export const APP_MAX_IN_FLIGHT = 6

const limiters = new WeakMap<QueryClient, RequestLimiter>()

export function appRequestLimiter(client: QueryClient): RequestLimiter {
  let limiter = limiters.get(client)
  if (limiter === undefined) {
    limiter = createRequestLimiter(APP_MAX_IN_FLIGHT)
    limiters.set(client, limiter)
  }
  return limiter
}

export function useAppRequestLimiter(): RequestLimiter {
  return appRequestLimiter(useQueryClient())
}
