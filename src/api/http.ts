// The only place the browser speaks HTTP. fetch() does not throw on 4xx/5xx, so this does: every
// failure leaves here as an ApiError with a kind; every success as parsed JSON plus its text.
import { ApiError, errorKindForStatus } from './api-error.ts'
import { REQUEST_TIMEOUT_MS, takeEarlyLookup } from './early-lookups.ts'

export { REQUEST_TIMEOUT_MS } from './early-lookups.ts'
/** Raw bodies are kept for display; a 10 MB gateway page does not need to be kept whole. */
const RAW_BODY_KEEP_CHARS = 20_000

export interface JsonResponse {
  json: unknown
  text: string
}

export interface PostJsonOptions {
  signal?: AbortSignal | undefined
  timeoutMs?: number
}

export async function postJson(
  url: string,
  body: unknown,
  { signal, timeoutMs = REQUEST_TIMEOUT_MS }: PostJsonOptions = {},
): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(timeoutMs)
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
  const bodyText = JSON.stringify(body)
  let response: Response
  let text: string
  try {
    // The lookup may already be on its way (started before the app loaded): adopt it, once.
    const early = takeEarlyLookup(url, bodyText)
    response = await (early
      ? abortable(early, combined)
      : fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: bodyText,
          signal: combined,
        }))
    text = await response.text()
  } catch (cause) {
    // A caller's own abort (React Query cancelling) must stay an AbortError, not become a report.
    if (signal?.aborted) throw cause
    const timedOut = timeout.aborted
    throw new ApiError(
      'network',
      timedOut
        ? `No answer within ${Math.round(timeoutMs / 1000)} s`
        : 'The request did not reach the server',
      { cause },
    )
  }

  if (!response.ok) {
    const kind = errorKindForStatus(response.status)
    const { message, code } = errorBodyFields(text)
    throw new ApiError(kind, `HTTP ${response.status}`, {
      status: response.status,
      apiMessage: message,
      proxyCode: code,
      rawBody: keep(text),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    })
  }

  try {
    return { json: JSON.parse(text) as unknown, text }
  } catch (cause) {
    throw new ApiError(
      'bad-response',
      text.trim() === '' ? 'The response was empty' : 'The response was not JSON',
      { status: response.status, rawBody: keep(text), cause },
    )
  }
}

/** An adopted response still obeys this call's abort and timeout. */
function abortable(response: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function keep(text: string): string {
  return text.length > RAW_BODY_KEEP_CHARS
    ? `${text.slice(0, RAW_BODY_KEEP_CHARS)}\n… (${text.length - RAW_BODY_KEEP_CHARS} more characters)`
    : text
}

/** The documented error body is `{"message": string}`; anything else yields nothing. */
export function messageFromErrorBody(text: string): string | undefined {
  return errorBodyFields(text).message
}

/**
 * `message` of the documented error body, and `code` of the errors the Jobscope proxy makes itself
 * (`{"message": …, "code": "sign-in-required"}`); either is undefined when absent or not text.
 */
export function errorBodyFields(text: string): { message?: string; code?: string } {
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null) return {}
    const message = 'message' in parsed ? parsed.message : undefined
    const code = 'code' in parsed ? parsed.code : undefined
    return {
      ...(typeof message === 'string' && message.trim() !== ''
        ? { message: message.slice(0, 500) }
        : {}),
      ...(typeof code === 'string' && /^[a-z][a-z0-9-]{0,40}$/.test(code) ? { code } : {}),
    }
  } catch {
    // not JSON: a gateway page or an empty body, shown raw elsewhere
    return {}
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // Only the IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT"): Date.parse takes "-1" for a date.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed))
    return undefined
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
