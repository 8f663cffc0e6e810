// A stand-in for the Distribute.ai API that misbehaves on demand. Each job id has a healthy answer
// (a job body, or a sequence of them); a fault — for one id or for every id — replaces it until
// cleared, or for exactly as many requests as a sequence holds. Every request is recorded with when it
// arrived and how the exchange ended, so tests can assert from the upstream's side that a client
// waited for Retry-After and that no request is left dangling.
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

export type Fault =
  /** An HTTP error with a body, by default a gateway's HTML page. */
  | { readonly kind: 'http-error'; readonly status: number; readonly body?: string }
  /** 429, with the given Retry-After header value or none at all. */
  | { readonly kind: 'rate-limited'; readonly retryAfter?: string }
  /** The socket is destroyed instead of answering: the proxy sees a connection reset. */
  | { readonly kind: 'connection-reset' }
  /** No answer, ever: only the client (or the proxy's timeout) ends the exchange. */
  | { readonly kind: 'hang' }
  /** 200 whose body is cut off in the middle of the JSON. */
  | { readonly kind: 'invalid-json' }
  /** 200 with JSON that is not a job. */
  | { readonly kind: 'wrong-shape' }
  /** 200 with no body at all. */
  | { readonly kind: 'empty-body' }
  /**
   * 200 with a body of about `bytes` (10 MB by default): `json` is the job's healthy answer with one
   * result whose revised prompt fills the size; `html` is a page of markup, not JSON.
   */
  | { readonly kind: 'huge-body'; readonly format: 'json' | 'html'; readonly bytes?: number }

export type FaultKind = Fault['kind']

export type Outcome =
  /** Received, not answered yet. */
  | 'pending'
  | 'answered'
  /** The peer closed the connection before an answer was sent (the proxy gave up or the browser left). */
  | 'aborted-by-client'
  /** The stub destroyed the socket on purpose (`connection-reset`). */
  | 'reset-by-stub'

export interface FaultRequest {
  /** The `id` of the request body, lowercase; '' when there was none. */
  readonly id: string
  readonly path: string
  /** performance.now() when the request body had arrived. */
  readonly receivedAt: number
  /** `ok` for a healthy answer (or 404 for an unknown id), otherwise the fault served. */
  readonly answer: FaultKind | 'ok'
  outcome: Outcome
  /** performance.now() when the exchange ended, whichever way. */
  endedAt: number | undefined
}

export interface FaultUpstream {
  readonly url: string
  /** Every POST /async/images/result, in order of arrival. */
  readonly requests: readonly FaultRequest[]
  /** Requests received and neither answered nor closed: what would dangle. */
  readonly openRequests: number
  /** GET /images/… requests (the result images), by path. */
  readonly imageRequests: readonly string[]
  /** The healthy answer for `id`: this job body, 200, on every request. */
  setJob(id: string, body: unknown): void
  /** Healthy answers in order, one per request for `id`; the last one repeats. */
  setJobSequence(id: string, bodies: readonly unknown[]): void
  /**
   * Misbehave for `id` (or for every id when omitted). One fault lasts until cleared; a list is
   * served one per request and then the healthy answer returns. An id's own fault beats the global one.
   */
  setFault(fault: Fault | readonly Fault[], id?: string): void
  clearFault(id?: string): void
  requestsFor(id: string): FaultRequest[]
  close(): Promise<void>
}

const RESULT_PATH = '/async/images/result'
const GLOBAL = '*'
export const TEN_MEGABYTES = 10 * 1024 * 1024

const REASONS: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** What nginx or a cloud load balancer sends when the service behind it is down. */
export function gatewayPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`
}

// A 1×1 transparent PNG for result images, so a gallery loads without touching the network.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

const jsonAnswer = (status: number, body: unknown): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

export async function startFaultUpstream(): Promise<FaultUpstream> {
  const jobs = new Map<string, readonly unknown[]>()
  const faults = new Map<string, { list: Fault[]; sticky: boolean }>()
  const requests: FaultRequest[] = []
  const imageRequests: string[] = []
  const sockets = new Set<Socket>()
  let baseUrl = ''

  /** Healthy answers served per id, to walk through a sequence. */
  const served = new Map<string, number>()
  const healthyBody = (id: string): unknown => {
    const bodies = jobs.get(id)
    if (bodies === undefined) return undefined
    return bodies[Math.min(served.get(id) ?? 0, bodies.length - 1)]
  }

  const takeFault = (id: string): Fault | undefined => {
    const entry = faults.get(id) ?? faults.get(GLOBAL)
    if (entry === undefined) return undefined
    const fault = entry.list[0]
    if (!entry.sticky) {
      entry.list.shift()
      if (entry.list.length === 0) faults.delete(faults.has(id) ? id : GLOBAL)
    }
    return fault
  }

  const answerFor = (fault: Fault, id: string): Answer | undefined => {
    switch (fault.kind) {
      case 'http-error':
        return {
          status: fault.status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: fault.body ?? gatewayPage(fault.status),
        }
      case 'rate-limited':
        return {
          status: 429,
          headers: {
            'content-type': 'application/json',
            ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
          },
          body: JSON.stringify({ message: 'Too many requests' }),
        }
      case 'invalid-json':
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: `{"id": "${id}", "status": "PROCESSING", "results": [{"url": "https://cdn.exa`,
        }
      case 'wrong-shape':
        return jsonAnswer(200, { job: { uuid: id, state: 'done' }, ok: true })
      case 'empty-body':
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '' }
      case 'huge-body':
        return hugeAnswer(fault.format, fault.bytes ?? TEN_MEGABYTES, id, healthyBody(id))
      case 'connection-reset':
      case 'hang':
        return undefined
    }
  }

  const hugeAnswer = (
    format: 'json' | 'html',
    bytes: number,
    id: string,
    healthy: unknown,
  ): Answer => {
    if (format === 'html') {
      const row = '<tr><td>upstream</td><td>error</td><td>&lt;trace&gt;</td></tr>\n'
      const body = `<!DOCTYPE html><html><body><table>\n${row.repeat(Math.ceil(bytes / row.length))}</table></body></html>`
      return { status: 200, headers: { 'content-type': 'text/html' }, body }
    }
    const base =
      typeof healthy === 'object' && healthy !== null ? healthy : { id, status: 'COMPLETED' }
    const words = 'a lighthouse on a cliff at dusk, waves, ' // 40 characters
    const prompt = words.repeat(Math.ceil(bytes / words.length))
    return jsonAnswer(200, {
      ...base,
      results: [{ url: `${baseUrl}/images/huge.png`, revised_prompt: prompt }],
    })
  }

  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    if (req.method === 'GET' && path.startsWith('/images/')) {
      imageRequests.push(path)
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
      res.end(PIXEL_PNG)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const id = idOf(Buffer.concat(chunks).toString('utf8'))
      const fault = path === RESULT_PATH ? takeFault(id) : undefined
      const record: FaultRequest = {
        id,
        path,
        receivedAt: performance.now(),
        answer: fault?.kind ?? 'ok',
        outcome: 'pending',
        endedAt: undefined,
      }
      requests.push(record)
      res.on('close', () => {
        if (record.outcome === 'pending') {
          record.outcome = res.writableFinished ? 'answered' : 'aborted-by-client'
        }
        record.endedAt ??= performance.now()
      })

      if (fault?.kind === 'connection-reset') {
        record.outcome = 'reset-by-stub'
        req.socket.destroy()
        return
      }
      if (fault?.kind === 'hang') return
      const body = path === RESULT_PATH ? healthyBody(id) : undefined
      if (fault === undefined && body !== undefined) served.set(id, (served.get(id) ?? 0) + 1)
      const answer =
        (fault && answerFor(fault, id)) ??
        (body === undefined ? jsonAnswer(404, { message: 'Job not found' }) : jsonAnswer(200, body))
      res.writeHead(answer.status, answer.headers)
      res.end(answer.body)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`

  return {
    url: baseUrl,
    requests,
    get openRequests() {
      return requests.filter((request) => request.outcome === 'pending').length
    },
    imageRequests,
    setJob(id, body) {
      jobs.set(id.toLowerCase(), [body])
      served.delete(id.toLowerCase())
    },
    setJobSequence(id, bodies) {
      jobs.set(id.toLowerCase(), bodies)
      served.delete(id.toLowerCase())
    },
    setFault(fault, id = GLOBAL) {
      const list = Array.isArray(fault) ? [...(fault as readonly Fault[])] : [fault as Fault]
      faults.set(id === GLOBAL ? GLOBAL : id.toLowerCase(), {
        list,
        sticky: !Array.isArray(fault),
      })
    },
    clearFault: (id = GLOBAL) => faults.delete(id === GLOBAL ? GLOBAL : id.toLowerCase()),
    requestsFor: (id) => requests.filter((request) => request.id === id.toLowerCase()),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function idOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed) {
      const { id } = parsed
      if (typeof id === 'string') return id.toLowerCase()
    }
  } catch {
    // no id: answered as an unknown job
  }
  return ''
}
