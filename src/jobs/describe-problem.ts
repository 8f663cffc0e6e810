// The one place where error kinds become words a support person can act on: the long form for the
// job page, and the short label for a table cell or a Recent entry. Every feature imports these.
import { type ApiError, isApiError } from '../api/api-error.ts'
import { type JobKind, kindsSentence } from '../lib/job-kinds.ts'

// The short forms live apart, so that a page can label a problem without the long texts.
export { problemLabel, problemTitle } from './problem-label.ts'

export interface ProblemDescription {
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

/** "The chat endpoint" — where a failure came from, when the lookup was on one endpoint of several. */
function endpointName(kind: JobKind): string {
  return `the ${kind} result endpoint`
}

/** For a failure during a search: what the other endpoints said, so "not found" is never implied. */
function searchNote(error: ApiError): string {
  if (error.jobKind === undefined || error.notFoundIn.length === 0) return ''
  return ` ${capitalise(kindsSentence(error.notFoundIn))} answered “not found”; until ${endpointName(error.jobKind)} answers, Jobscope cannot say whether the job exists.`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Errors the Jobscope proxy made itself (sign-in, access, its own limits), by their `code`. */
function describeProxyError(error: ApiError): ProblemDescription | undefined {
  switch (error.proxyCode) {
    case 'sign-in-required':
      return {
        title: 'Your sign-in has expired',
        detail: 'The Jobscope server asks you to sign in again before it looks up more jobs.',
        nextStep: 'Reload the page to sign in again.',
        retriesAutomatically: false,
        rawBody: undefined,
      }
    case 'forbidden':
      return {
        title: 'Jobscope does not let you in',
        detail: withApiMessage(
          'Your account or network address is not allowed to look up jobs here.',
          error,
        ),
        nextStep: 'Ask whoever runs this Jobscope to give you access.',
        retriesAutomatically: false,
        rawBody: undefined,
      }
    case 'auth-unavailable':
      return {
        title: 'The sign-in service is not answering',
        detail: `Jobscope could not check your sign-in${httpSuffix(error)}, so it did not look the job up.`,
        nextStep: 'Jobscope is retrying automatically; reload the page if it persists.',
        retriesAutomatically: true,
        rawBody: undefined,
      }
    case 'rate-limited':
      return {
        title: 'Too many lookups at once',
        detail: `This Jobscope limits how many lookups one person makes per second${error.retryAfterMs === undefined ? '' : `; it asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s`}.`,
        nextStep: 'Jobscope waits as asked and then tries again; nothing to do.',
        retriesAutomatically: true,
        rawBody: undefined,
      }
    default:
      return undefined
  }
}

export function describeProblem(error: unknown, jobId: string): ProblemDescription {
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
  const fromProxy = describeProxyError(error)
  if (fromProxy) return fromProxy
  const where = error.jobKind === undefined ? '' : ` on ${endpointName(error.jobKind)}`
  switch (error.kind) {
    case 'not-found': {
      const searched = error.notFoundIn
      const one = searched.length === 1 ? searched[0] : undefined
      return {
        title: 'Job not found',
        detail: withApiMessage(
          one === undefined
            ? `No job has the id ${jobId}: Jobscope looked in ${kindsSentence(searched)}, and every result endpoint answered “not found”.`
            : `The ${one} result endpoint has no job with the id ${jobId} (only ${one} was asked).`,
          error,
        ),
        nextStep:
          'Check the id with the customer (a typo, or a partial copy), and that it belongs to this environment and account — an id from another environment is not found here.',
        retriesAutomatically: false,
        rawBody: undefined,
      }
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
        detail:
          withApiMessage(
            `The Distribute.ai API (or a gateway in front of it) answered with a server error${httpSuffix(error)}${where}. This says nothing about the job itself.`,
            error,
          ) + searchNote(error),
        nextStep: 'Jobscope is retrying automatically.',
        retriesAutomatically: true,
        rawBody: error.apiMessage ? undefined : error.rawBody,
      }
    case 'network':
      return {
        title: 'Could not reach the API',
        detail: `${error.message}${where}. The browser got no answer from the Jobscope proxy or the API behind it.${searchNote(error)}`,
        nextStep:
          'Jobscope is retrying automatically. Check the network connection if this persists.',
        retriesAutomatically: true,
        rawBody: undefined,
      }
    case 'bad-response':
      return {
        title: 'Unexpected response from the API',
        detail:
          withApiMessage(`${error.message}${httpSuffix(error)}${where}.`, error) +
          searchNote(error),
        nextStep:
          'The raw response is below. Jobscope checks again now and then; report it if it persists.',
        retriesAutomatically: false,
        rawBody: error.rawBody,
      }
  }
}
