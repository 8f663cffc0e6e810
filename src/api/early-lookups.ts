// Lookups started before the app has loaded (src/early-lookup.ts, a tiny entry of its own in
// index.html), kept here for the app to adopt: the fetcher takes the response of an identical request
// instead of sending it again, once. docs/decisions/014-early-lookup.md.

/**
 * How long one request may take before it is aborted and reported as a network error. Longer than
 * the proxies' 20 s upstream timeout, so a hanging API is reported by the proxy's clearer 504.
 */
export const REQUEST_TIMEOUT_MS = 25_000

/** Where the proxy answers unless config.json says otherwise: the early script cannot wait for it. */
export const DEFAULT_API_BASE = '/api'

interface EarlyLookup {
  readonly response: Promise<Response>
  readonly controller: AbortController
}

// On globalThis, not in a module variable: the early script and the app are separate bundles.
const REGISTRY = '__jobscopeEarlyLookups'

function registry(): Map<string, EarlyLookup> {
  const holder = globalThis as unknown as Record<string, Map<string, EarlyLookup> | undefined>
  holder[REGISTRY] ??= new Map()
  return holder[REGISTRY]
}

const keyOf = (url: string, body: string) => `${url}\n${body}`

/** The request the app's fetcher sends for `body` to `url`; started now, kept for adoption. */
export function startEarlyLookup(url: string, body: string): void {
  const controller = new AbortController()
  const response = fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  })
  // Nobody may ever adopt it (another apiBase): its failure must not surface as unhandled.
  response.catch(() => undefined)
  registry().set(keyOf(url, body), { response, controller })
}

/** The early response for exactly this request, if one was started and not taken yet: once. */
export function takeEarlyLookup(url: string, body: string): Promise<Response> | undefined {
  const key = keyOf(url, body)
  const lookup = registry().get(key)
  if (lookup === undefined) return undefined
  registry().delete(key)
  return lookup.response
}

/** Stops the early lookups the app did not adopt (its config pointed elsewhere). */
export function abandonEarlyLookups(): void {
  for (const lookup of registry().values()) lookup.controller.abort()
  registry().clear()
}
