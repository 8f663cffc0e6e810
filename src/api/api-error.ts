// Every way a job lookup can fail, as a value with a kind. Made here, once; the UI turns kinds into
// words in one place (src/jobs/describe-problem.ts) and the polling policy decides retries by kind.
import type { JobKind } from '../lib/job-kinds.ts'

export type ApiErrorKind =
  'not-found' | 'unauthorized' | 'rate-limited' | 'upstream' | 'network' | 'bad-response'

export interface ApiErrorDetails {
  /** HTTP status, when there was a response. */
  status?: number
  /** The `message` of a `{"message": …}` error body, when the API sent one. */
  apiMessage?: string
  /** The raw response text (truncated), so a support person can see what came back. */
  rawBody?: string
  /** Parsed `Retry-After`, in milliseconds from when the response arrived. */
  retryAfterMs?: number
  /**
   * The `code` of an error the Jobscope proxy made itself (`sign-in-required`, `forbidden`,
   * `auth-unavailable`, `rate-limited`, …), as opposed to one the API sent through it.
   */
  proxyCode?: string
  /** The result endpoint this error came from, when a job was being looked for on one. */
  jobKind?: JobKind
  /** Result endpoints that answered 404 for this id in the same search. */
  notFoundIn?: readonly JobKind[]
  cause?: unknown
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  readonly apiMessage: string | undefined
  readonly rawBody: string | undefined
  readonly retryAfterMs: number | undefined
  readonly proxyCode: string | undefined
  readonly jobKind: JobKind | undefined
  readonly notFoundIn: readonly JobKind[]
  readonly details: ApiErrorDetails

  constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails = {}) {
    super(message, { cause: details.cause })
    this.kind = kind
    this.details = details
    this.status = details.status
    this.apiMessage = details.apiMessage
    this.rawBody = details.rawBody
    this.retryAfterMs = details.retryAfterMs
    this.proxyCode = details.proxyCode
    this.jobKind = details.jobKind
    this.notFoundIn = details.notFoundIn ?? []
  }

  /** The same error, with more of what the lookup learned (which endpoint, which said 404). */
  with(details: Pick<ApiErrorDetails, 'jobKind' | 'notFoundIn'>): ApiError {
    return new ApiError(this.kind, this.message, { ...this.details, ...details })
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** Which kind an HTTP error status is. Anything 4xx we do not know is the API refusing our request. */
export function errorKindForStatus(status: number): ApiErrorKind {
  if (status === 404) return 'not-found'
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'upstream'
  return 'bad-response'
}
