// The JSON errors the proxy itself answers with — `{"message": "<for a person>", "code": "<code>"}` —
// the same from the dev middleware and from nginx (whose template spells them out; a test holds it
// to this list). The browser decides what to do by `code`; the message is for whoever reads the raw
// answer. Answers passed through from the Distribute.ai API are never rewritten into these.

export interface ProxyError {
  readonly status: number
  readonly message: string
}

export const PROXY_ERRORS = {
  'bad-request': { status: 400, message: 'Bad request target' },
  'sign-in-required': {
    status: 401,
    message: 'Your sign-in has expired or is missing. Reload the page to sign in again.',
  },
  forbidden: {
    status: 403,
    message:
      'You do not have access to Jobscope from this account or network. Ask the team that runs Jobscope for access.',
  },
  'not-proxied': {
    status: 404,
    message: 'Not found: Jobscope does not forward this path to the Distribute.ai API.',
  },
  'method-not-allowed': { status: 405, message: 'Only POST is allowed here' },
  'too-large': { status: 413, message: 'Request body larger than 4096 bytes' },
  'unsupported-media-type': {
    status: 415,
    message: 'Jobscope only accepts JSON lookups (content-type: application/json).',
  },
  'server-error': { status: 500, message: "Jobscope's server could not answer this request." },
  'upstream-unreachable': {
    status: 502,
    message: 'The Jobscope proxy could not reach the Distribute.ai API',
  },
  'auth-unavailable': {
    status: 503,
    message:
      'The sign-in service is not answering, so Jobscope cannot check who you are. Try again in a minute.',
  },
  'upstream-timeout': { status: 504, message: 'The Distribute.ai API did not answer within 20 s' },
} as const satisfies Record<string, ProxyError>

export type ProxyErrorCode = keyof typeof PROXY_ERRORS

/** The 429 message names the limit, so a person knows what "too many" means. */
export function rateLimitedMessage(perSecond: number): string {
  return `Too many lookups: Jobscope allows ${perSecond} a second per person. Wait a second and try again.`
}

export function rateLimitedBody(perSecond: number): string {
  return JSON.stringify({ message: rateLimitedMessage(perSecond), code: 'rate-limited' })
}

/** `application/json`, in any case, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^\s*application\/json\s*(;.*)?$/i.test(value)
}
