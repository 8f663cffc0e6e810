// The demo upstream as a stand-alone HTTP server that looks like the Distribute.ai API, so nginx can
// proxy to it exactly as to the real one (`npm run serve` without a key; docs/decisions/007):
//   POST /async/<kind>/result   → createDemoUpstream().result(kind, body, <this server's origin>),
//                                  for every kind in JOB_KINDS (images, chat, speech)
//   GET  /demo-images/…         → the demo's PNGs and WAVs (HEAD too; Range on audio), which the
//   GET  /demo-audio/…            browser loads from here directly, the way real result files come
//                                  from the API's file host.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { JOB_KINDS, type BuiltInKind, resultPath } from '../src/lib/job-kinds.ts'
import {
  DEMO_AUDIO_PATH_PREFIX,
  DEMO_IMAGE_PATH_PREFIX,
  type DemoUpstream,
  createDemoUpstream,
} from './demo-upstream.ts'
import { readBody, send, sendJson } from './http-io.ts'

const MAX_BODY_BYTES = 4 * 1024

/** API path → the kind whose result endpoint it is, from the one list of kinds. */
const RESULT_ROUTES: ReadonlyMap<string, BuiltInKind> = new Map(
  JOB_KINDS.map((kind) => [resultPath(kind), kind]),
)

export interface DemoServer {
  /** e.g. http://127.0.0.1:41234 — the API base URL for nginx, and the origin of the demo images. */
  readonly url: string
  close(): Promise<void>
}

export interface DemoServerOptions {
  /** Interface to listen on; loopback by default. */
  host?: string
  /** 0 (the default) picks a free port. */
  port?: number
  upstream?: DemoUpstream
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1'
  const upstream = options.upstream ?? createDemoUpstream()
  let origin = ''
  const server = createServer((req, res) => handle(req, res))

  function handle(req: IncomingMessage, res: ServerResponse) {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/'
    const kind = RESULT_ROUTES.get(pathname)
    if (kind !== undefined) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST')
        return sendJson(res, 405, { message: 'Use POST' })
      }
      return void readBody(req, MAX_BODY_BYTES).then(
        (body) => {
          if (body === undefined) return sendJson(res, 413, { message: 'Request body too large' })
          const answer = upstream.result(kind, body, origin)
          send(res, answer.status, answer.headers, answer.body)
        },
        () => sendJson(res, 400, { message: 'Could not read the request body' }),
      )
    }
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      pathname.startsWith(DEMO_IMAGE_PATH_PREFIX)
    ) {
      const image = upstream.image(pathname)
      if (image)
        return send(res, image.status, image.headers, req.method === 'HEAD' ? '' : image.body)
    }
    if (pathname.startsWith(DEMO_AUDIO_PATH_PREFIX)) {
      const audio = upstream.audio(pathname, req.method ?? 'GET', req.headers.range)
      if (audio) return send(res, audio.status, audio.headers, audio.body)
    }
    sendJson(res, 404, { message: 'Not found' })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    url: origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
