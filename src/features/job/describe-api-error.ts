// The one place where error kinds become words a support person can act on.
import type { ApiError } from '../../api/api-error.ts'
import { isApiError } from '../../api/api-error.ts'

export interface ErrorDescription {
  readonly title: string
  readonly detail: string
  /** What to do next, in one line. */
  readonly nextStep: string
  /** Whether Jobscope keeps trying on its own (so the person need not). */
  readonly retriesAutomatically: boolean
  /** Raw response text worth showing (bad or unexpected bodies). */
  readonly rawBody: string | undefined
}

function httpSuffix(error: ApiError): string {
  return error.status === undefined ? '' : ` (HTTP ${error.status})`
}

function withApiMessage(text: string, error: ApiError): string {
  return error.apiMessage ? `${text} The API said: “${error.apiMessage}”` : text
}

export function describeApiError(error: unknown, jobId: string): ErrorDescription {
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong in Jobscope',
      detail: error instanceof Error ? error.message : String(error),
      nextStep:
        'Press Refresh to try again. If it keeps happening, report it to the Jobscope team.',
      retriesAutomatically: false,
      rawBody: undefined,
    }
  }
  switch (error.kind) {
    case 'not-found':
      return {
        title: 'Job not found',
        detail: withApiMessage(`The API has no job with the id ${jobId}.`, error),
        nextStep:
          'Check the id with the customer: it may have a typo, or belong to another account or environment.',
        retriesAutomatically: false,
        rawBody: undefined,
      }
    case 'unauthorized':
      return {
        title: 'The API refused the proxy’s API key',
        detail: withApiMessage(
          `The API key that the Jobscope proxy sends is missing or wrong${httpSuffix(error)}.`,
          error,
        ),
        nextStep:
          'Set DISTRIBUTE_API_KEY on the server that runs Jobscope to a valid key and restart it (the key never goes into the browser).',
        retriesAutomatically: false,
        rawBody: undefined,
      }
    case 'rate-limited': {
      const wait =
        error.retryAfterMs === undefined
          ? ''
          : ` It asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s.`
      return {
        title: 'The API is rate-limiting requests',
        detail: withApiMessage(`Too many requests${httpSuffix(error)}.${wait}`, error),
        nextStep: 'Jobscope waits as asked and then tries again; nothing to do.',
        retriesAutomatically: true,
        rawBody: undefined,
      }
    }
    case 'upstream':
      return {
        title: 'The API had a problem',
        detail: withApiMessage(
          `The Distribute.ai API (or a gateway in front of it) answered with a server error${httpSuffix(error)}. This says nothing about the job itself.`,
          error,
        ),
        nextStep: 'Jobscope is retrying automatically.',
        retriesAutomatically: true,
        rawBody: error.apiMessage ? undefined : error.rawBody,
      }
    case 'network':
      return {
        title: 'Could not reach the API',
        detail: `${error.message}. The browser got no answer from the Jobscope proxy or the API behind it.`,
        nextStep:
          'Jobscope is retrying automatically. Check the network connection if this persists.',
        retriesAutomatically: true,
        rawBody: undefined,
      }
    case 'bad-response':
      return {
        title: 'Unexpected response from the API',
        detail: withApiMessage(`${error.message}${httpSuffix(error)}.`, error),
        nextStep:
          'The raw response is below. Jobscope checks again now and then; report it if it persists.',
        retriesAutomatically: false,
        rawBody: error.rawBody,
      }
  }
}
