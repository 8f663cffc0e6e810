// The app's one request limiter: watched jobs and batch rows share it, so however many of them poll
// at once, the API sees at most APP_MAX_IN_FLIGHT requests from this tab, paced under the proxy's
// per-client rate (config.json's rateLimit) so normal use never meets a 429. One per app, made on
// first use.
import { configPart } from '../config/runtime-config.ts'
import { appPart } from '../lib/app-scope.ts'
import { createRequestLimiter } from './request-limiter.ts'

export const APP_MAX_IN_FLIGHT = 6

export const requestLimiterPart = appPart('request limiter', (scope) =>
  createRequestLimiter(APP_MAX_IN_FLIGHT, {
    perSecond: scope.get(configPart).rateLimitPerSecond,
  }),
)
