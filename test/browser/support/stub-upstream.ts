// A stand-in for the Distribute.ai API on loopback: scripted answers per job id, and a record of every
// request it received (so tests can check the proxy's `authorization` header).
import { type IncomingHttpHeaders, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { JOB_KINDS, type BuiltInKind, resultPath } from '../../../src/lib/job-kinds.ts'
import { renderDemoAudio } from '../../../server/demo-audio.ts'
import { encodePng } from '../../../server/png.ts'

export interface StubAnswer {
  status: number
  body: string
  headers?: Record<string, string>
  /** Answer after this long, to simulate upstream latency. */
  delayMs?: number
}

export interface ReceivedRequest {
  method: string
  path: string
  /** The result endpoint asked, when the path is one. */
  kind: BuiltInKind | undefined
  headers: IncomingHttpHeaders
  body: string
}

const IMAGE = encodePng(64, 64, (x, y) => [x * 4, y * 4, 160])
const AUDIO = renderDemoAudio(0)

/** Answers the n-th request (0-based) for a job id. */
export type JobScript = (requestIndex: number) => StubAnswer

export interface StubUpstream {
  readonly url: string
  readonly requests: ReceivedRequest[]
  /** Most job lookups the stub was answering at the same time. */
  readonly maxInFlight: number
  /** Forgets recorded requests and the in-flight peak (between benchmark phases). */
  resetStats(): void
  /** `${url}/images/<name>.png` is a small real PNG, like a result image on a CDN. */
  imageUrl(name: string): string
  /** `${url}/audio/<name>.wav` is a short real WAV; names starting with "expired" answer 404. */
  audioUrl(name: string): string
  /**
   * How the `kind` endpoint (images unless told) answers for `id`. Every endpoint answers 404 for an
   * id it has no script for, as the API's endpoints do for jobs of another kind.
   */
  script(id: string, answer: JobScript, kind?: BuiltInKind): void
  /** The lookups of `id` each endpoint received, in order. */
  lookups(id: string, kind?: BuiltInKind): ReceivedRequest[]
  close(): Promise<void>
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): StubAnswer {
  return {
    status,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  }
}

/**
 * A job that moves one status per request, like a real one, and then stays in the last; the results
 * appear once it is COMPLETED.
 */
export function progressingJob(
  id: string,
  statuses: readonly string[],
  results: ReadonlyArray<{ url: string; revised_prompt: string }>,
): JobScript {
  return (index) => {
    const status = statuses[Math.min(index, statuses.length - 1)] ?? 'COMPLETED'
    const done = status === 'COMPLETED'
    return json(200, {
      id,
      status,
      created: '2025-05-17T07:00:24.027Z',
      finished: done ? '2025-05-17T07:00:31.527Z' : null,
      model: 'Flux.1 [dev]',
      results: done ? results : [],
    })
  }
}

export async function startStubUpstream(): Promise<StubUpstream> {
  const scripts = new Map<string, JobScript>()
  const counts = new Map<string, number>()
  const key = (kind: BuiltInKind, id: string) => `${kind} ${id.toLowerCase()}`
  const requests: ReceivedRequest[] = []
  let inFlight = 0
  let maxInFlight = 0
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/audio/')) {
      if (req.url.startsWith('/audio/expired')) {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('expired')
        return
      }
      res.writeHead(200, { 'content-type': 'audio/wav', 'cache-control': 'no-store' })
      res.end(AUDIO)
      return
    }
    if (req.method === 'GET' && req.url?.startsWith('/images/')) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
      res.end(IMAGE)
      return
    }
    inFlight += 1
    maxInFlight = Math.max(maxInFlight, inFlight)
    res.on('close', () => (inFlight -= 1))
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const kind = JOB_KINDS.find((candidate) => req.url === resultPath(candidate))
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        kind,
        headers: req.headers,
        body,
      })
      let id = ''
      try {
        const parsed: unknown = JSON.parse(body)
        if (
          typeof parsed === 'object' &&
          parsed !== null &&
          'id' in parsed &&
          typeof parsed.id === 'string'
        ) {
          id = parsed.id
        }
      } catch {
        // answered as unknown below
      }
      const script = kind === undefined ? undefined : scripts.get(key(kind, id))
      const counter = `${kind ?? '-'} ${id}`
      const index = counts.get(counter) ?? 0
      counts.set(counter, index + 1)
      const answer = script ? script(index) : json(404, { message: 'Job not found' })
      const reply = () => {
        res.writeHead(answer.status, answer.headers ?? {})
        res.end(answer.body)
      }
      if (answer.delayMs) setTimeout(reply, answer.delayMs)
      else reply()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return maxInFlight
    },
    resetStats() {
      requests.length = 0
      maxInFlight = inFlight
    },
    imageUrl: (name) => `http://127.0.0.1:${port}/images/${encodeURIComponent(name)}.png`,
    audioUrl: (name) => `http://127.0.0.1:${port}/audio/${encodeURIComponent(name)}.wav`,
    script: (id, answer, kind = 'images') => scripts.set(key(kind, id), answer),
    lookups: (id, kind) =>
      requests.filter(
        (request) =>
          request.kind !== undefined &&
          (kind === undefined || request.kind === kind) &&
          request.body.includes(id),
      ),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
