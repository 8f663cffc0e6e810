// Every way a job lookup can fail, as a value with a kind. Made here, once; the UI turns kinds into
// words in one place (features/job/describe-api-error.ts) and the polling policy decides retries by kind.

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
  cause?: unknown
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly kind: ApiErrorKind
  readonly status: number | undefined
  readonly apiMessage: string | undefined
  readonly rawBody: string | undefined
  readonly retryAfterMs: number | undefined

  constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails = {}) {
    super(message, { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.apiMessage = details.apiMessage
    this.rawBody = details.rawBody
    this.retryAfterMs = details.retryAfterMs
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
