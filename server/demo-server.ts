// The demo upstream as a stand-alone HTTP server that looks like the Distribute.ai API, so nginx can
// proxy to it exactly as to the real one (`npm run serve` without a key; docs/decisions/007):
//   POST /async/images/result   → createDemoUpstream().imagesResult(body, <this server's origin>)
//   GET  /demo-images/…         → the demo's PNGs, which the browser loads from here directly,
//                                  the way real result images come from the API's image host.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEMO_IMAGE_PATH_PREFIX, type DemoUpstream, createDemoUpstream } from './demo-upstream.ts'

const MAX_BODY_BYTES = 4 * 1024

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
    if (pathname === '/async/images/result') {
      if (req.method !== 'POST') return send(res, 405, { allow: 'POST' }, message('Use POST'))
      return readBody(req, (body) => {
        if (body === undefined) return send(res, 413, {}, message('Request body too large'))
        const answer = upstream.imagesResult(body, origin)
        send(res, answer.status, answer.headers, answer.body)
      })
    }
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      pathname.startsWith(DEMO_IMAGE_PATH_PREFIX)
    ) {
      const image = upstream.image(pathname)
      if (image)
        return send(res, image.status, image.headers, req.method === 'HEAD' ? '' : image.body)
    }
    send(res, 404, {}, message('Not found'))
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

function readBody(req: IncomingMessage, done: (body: string | undefined) => void) {
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  })
  req.on('end', () =>
    done(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
  )
  req.on('error', () => done(undefined))
}

function message(text: string) {
  return JSON.stringify({ message: text })
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
) {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.setHeader('x-content-type-options', 'nosniff')
  res.end(body)
}
