// The node side of Jobscope, as one connect-style middleware used by the dev and preview servers:
//   GET  /config.json              runtime settings for the browser (no secrets)
//   GET  /opensearch.xml           the address bar's search, for the origin the browser used
//   POST /api/async/<kind>/result  → the Distribute.ai API with `authorization: <key>` (live mode)
//                                  → the built-in demo upstream (demo mode); <kind> is one of
//                                    JOB_KINDS (images, chat, speech)
//   GET  /demo-images/…            the demo upstream's images (demo mode)
//   GET  /demo-audio/…             the demo upstream's audio, with Range support (demo mode)
// Anything else under /api is 404: this is an allowlist, not an open proxy. Only JSON is taken (415
// otherwise), so a cross-site form or text/plain post cannot reach the API, and no CORS header is
// ever sent. Its own errors are server/proxy-errors.ts, the same as nginx's.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RuntimeConfigFile } from '../src/api/runtime-config.ts'
import { JOB_KINDS, type BuiltInKind, resultPath } from '../src/lib/job-kinds.ts'
import {
  DEMO_AUDIO_PATH_PREFIX,
  DEMO_IMAGE_PATH_PREFIX,
  type DemoUpstream,
  createDemoUpstream,
} from './demo-upstream.ts'
import { readBody, send, sendJson } from './http-io.ts'
import {
  OPENSEARCH_CONTENT_TYPE,
  OPENSEARCH_PATH,
  openSearchDescription,
  requestOrigin,
} from './opensearch.ts'
import { type ProxyErrorCode, PROXY_ERRORS, isJsonContentType } from './proxy-errors.ts'
import { type Upstream, readRuntimeConfig } from './settings.ts'

export const API_PREFIX = '/api'

/** Browser path → the job kind whose result endpoint it reaches, built from the one list of kinds. */
export const PROXIED_ROUTES: ReadonlyMap<string, BuiltInKind> = new Map(
  JOB_KINDS.map((kind) => [`${API_PREFIX}${resultPath(kind)}`, kind]),
)
/** A result request is `{"id": "<uuid>"}`; anything much larger is not one. */
export const MAX_BODY_BYTES = 4 * 1024
export const UPSTREAM_TIMEOUT_MS = 20_000
/** Environment variable that overrides UPSTREAM_TIMEOUT_MS, e.g. for tests of a hanging API. */
export const UPSTREAM_TIMEOUT_ENV = 'JOBSCOPE_UPSTREAM_TIMEOUT_MS'

/** The proxy's upstream timeout from the environment: undefined when unset, an error when invalid. */
export function upstreamTimeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[UPSTREAM_TIMEOUT_ENV]?.trim() ?? ''
  if (raw === '') return undefined
  const ms = Number(raw)
  if (!/^\d+$/.test(raw) || ms < 100 || ms > 600_000) {
    throw new Error(`${UPSTREAM_TIMEOUT_ENV} must be a whole number of milliseconds, 100–600000`)
  }
  return ms
}

type Next = (error?: unknown) => void
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void

export interface ApiMiddlewareOptions {
  fetch?: typeof fetch
  upstreamTimeoutMs?: number
  log?: (line: string) => void
  demo?: DemoUpstream
  /** config.json without `demo` (readRuntimeConfig); the defaults when absent. */
  runtimeConfig?: Omit<RuntimeConfigFile, 'demo'>
}

/** One of the proxy's own errors, e.g. `{"message": "Only POST is allowed here", "code": "method-not-allowed"}`. */
export function sendProxyError(
  res: ServerResponse,
  code: ProxyErrorCode,
  message: string = PROXY_ERRORS[code].message,
) {
  sendJson(res, PROXY_ERRORS[code].status, { message, code })
}

export function createApiMiddleware(
  upstream: Upstream,
  options: ApiMiddlewareOptions = {},
): Middleware {
  const fetchUpstream = options.fetch ?? fetch
  const timeoutMs = options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS
  const log = options.log ?? ((line: string) => console.warn(line))
  const demo = upstream.mode === 'demo' ? (options.demo ?? createDemoUpstream()) : undefined
  const runtimeConfig = {
    ...(options.runtimeConfig ?? readRuntimeConfig({})),
    demo: upstream.mode === 'demo',
  }

  return (req, res, next) => {
    const target = req.url ?? '/'
    // Absolute-form targets ("GET http://elsewhere/ HTTP/1.1") are how open proxies are abused.
    if (!target.startsWith('/')) return sendProxyError(res, 'bad-request')
    const pathname = target.split('?', 1)[0] ?? target

    if (pathname === '/config.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, runtimeConfig)
    }
    if (pathname === OPENSEARCH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      const origin = requestOrigin(req.headers.host, 'http')
      if (origin === null) return sendProxyError(res, 'bad-request', 'Bad Host header')
      return send(
        res,
        200,
        {
          'content-type': `${OPENSEARCH_CONTENT_TYPE}; charset=utf-8`,
          'cache-control': 'no-store',
        },
        openSearchDescription(origin),
      )
    }
    if (demo && pathname.startsWith(DEMO_IMAGE_PATH_PREFIX)) {
      const image = demo.image(pathname)
      if (image) return send(res, image.status, image.headers, image.body)
    }
    if (demo && pathname.startsWith(DEMO_AUDIO_PATH_PREFIX)) {
      const audio = demo.audio(pathname, req.method ?? 'GET', req.headers.range)
      if (audio) return send(res, audio.status, audio.headers, audio.body)
    }
    if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`)) return next()

    // Exact match on the raw path: no normalising, so `..`, `%2e%2e` and `//` never reach a route.
    const kind = PROXIED_ROUTES.get(pathname)
    if (kind === undefined) return sendProxyError(res, 'not-proxied')
    // OPTIONS too: a CORS preflight gets no CORS answer, so another site's page cannot call this.
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      return sendProxyError(res, 'method-not-allowed')
    }
    // Forms and text/plain posts are "simple" requests a page on any site can send without asking.
    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume()
      return sendProxyError(res, 'unsupported-media-type')
    }

    void readBody(req, MAX_BODY_BYTES).then(
      async (body) => {
        if (body === undefined) return sendProxyError(res, 'too-large')
        if (demo) {
          const answer = demo.result(kind, body, originOf(req))
          return send(res, answer.status, answer.headers, answer.body)
        }
        if (upstream.mode !== 'live') return sendProxyError(res, 'server-error')
        await forward(upstream, resultPath(kind), body, res, { fetchUpstream, timeoutMs, log })
      },
      (error: unknown) => {
        log(`Jobscope proxy: could not read the request body: ${errorCode(error)}`)
        if (!res.headersSent) sendProxyError(res, 'bad-request', 'Could not read the request body')
      },
    )
  }
}

interface ForwardOptions {
  fetchUpstream: typeof fetch
  timeoutMs: number
  log: (line: string) => void
}

async function forward(
  settings: Extract<Upstream, { mode: 'live' }>,
  upstreamPath: string,
  body: string,
  res: ServerResponse,
  { fetchUpstream, timeoutMs, log }: ForwardOptions,
): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs)
  // Stop waiting for the API when the browser has gone away.
  const clientGone = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) clientGone.abort()
  })
  try {
    const upstream = await fetchUpstream(`${settings.apiUrl}${upstreamPath}`, {
      method: 'POST',
      headers: {
        authorization: settings.apiKey,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.any([timeout, clientGone.signal]),
      redirect: 'manual',
    })
    const payload = Buffer.from(await upstream.arrayBuffer())
    const headers: Record<string, string> = { 'cache-control': 'no-store' }
    for (const name of ['content-type', 'retry-after']) {
      const value = upstream.headers.get(name)
      if (value !== null) headers[name] = value
    }
    send(res, upstream.status, headers, payload)
  } catch (error) {
    if (clientGone.signal.aborted) return
    if (timeout.aborted) {
      log(`Jobscope proxy: ${settings.apiUrl}${upstreamPath} did not answer within ${timeoutMs} ms`)
      return sendProxyError(
        res,
        'upstream-timeout',
        `The Distribute.ai API did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
      )
    }
    log(`Jobscope proxy: ${settings.apiUrl}${upstreamPath} failed: ${errorCode(error)}`)
    sendProxyError(res, 'upstream-unreachable')
  }
}

/** The page's own origin, for absolute demo image URLs; a malformed Host falls back to localhost. */
function originOf(req: IncomingMessage): string {
  return requestOrigin(req.headers.host, 'http') ?? 'http://localhost'
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause
    if (cause instanceof Error && 'code' in cause) return `${String(cause.code)} (${cause.message})`
    return error.message
  }
  return String(error)
}
