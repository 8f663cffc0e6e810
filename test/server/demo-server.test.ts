// The stand-alone demo server that nginx proxies to under `npm run serve`: every kind's result route,
// and the demo's images and audio, over real sockets.
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoServer, startDemoServer } from '../../server/demo-server.ts'
import { createDemoUpstream } from '../../server/demo-upstream.ts'
import { JOB_KINDS, resultPath } from '../../src/lib/job-kinds.ts'
import { demoJobs, type DemoScenario } from '../../src/lib/demo-jobs.ts'

const T0 = Date.parse('2025-05-17T07:00:00.000Z')
const UNKNOWN_JOB_ID = '11111111-2222-4333-8444-555555555555'

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** Sends the path exactly as given, so `..` and `%2e` reach the server unnormalised. */
function send(
  base: string,
  method: string,
  path: string,
  { body, headers = {} }: { body?: string; headers?: OutgoingHttpHeaders } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const outgoing = { ...headers }
    if (body !== undefined) outgoing['content-length'] = Buffer.byteLength(body)
    const req = request(
      { host: hostname, port, method, path, headers: outgoing, agent: false },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (chunk: Buffer) => parts.push(chunk))
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
          }),
        )
      },
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

function jsonOf(reply: Reply): Record<string, unknown> {
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  return JSON.parse(reply.body.toString('utf8')) as Record<string, unknown>
}

function idOf(scenario: DemoScenario): string {
  const job = demoJobs.find((candidate) => candidate.scenario === scenario)
  if (!job) throw new Error(`no demo job for ${scenario}`)
  return job.id
}

describe('demo server', () => {
  let server: DemoServer
  let clock = T0
  const post = (path: string, body: string) => send(server.url, 'POST', path, { body })

  beforeAll(async () => {
    server = await startDemoServer({ upstream: createDemoUpstream({ now: () => clock }) })
  })

  afterAll(async () => {
    await server.close()
  })

  it.each(
    demoJobs
      .filter((job) => job.kind !== null)
      .flatMap((job) => JOB_KINDS.map((kind) => [job.scenario, kind] as const)),
  )('answers for %s on POST /async/%s/result only when it is that kind', async (scenario, kind) => {
    const reply = await post(resultPath(kind), JSON.stringify({ id: idOf(scenario) }))
    const own = demoJobs.find((job) => job.scenario === scenario)?.kind === kind
    // flaky answers 500 on every third request of its timeline; its first request here is 200.
    expect(reply.status).toBe(own ? 200 : 404)
    if (!own) expect(jsonOf(reply)).toEqual({ message: 'Job not found' })
  })

  it.each(JOB_KINDS)(
    'routes POST /async/%s/result to the upstream (404 JSON, 400)',
    async (kind) => {
      const missing = await post(resultPath(kind), JSON.stringify({ id: UNKNOWN_JOB_ID }))
      expect(missing.status).toBe(404)
      expect(jsonOf(missing)).toEqual({ message: 'Job not found' })

      const bad = await post(resultPath(kind), '{"id": 42}')
      expect(bad.status).toBe(400)
      expect(jsonOf(bad).message).toBeTypeOf('string')
    },
  )

  it.each(JOB_KINDS)('answers 405 to GET /async/%s/result and 413 to a huge body', async (kind) => {
    const get = await send(server.url, 'GET', resultPath(kind))
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    expect((await post(resultPath(kind), 'x'.repeat(5000))).status).toBe(413)
  })

  it.each([['/async/video/result'], ['/async/chat/result/'], ['/async/chat/create'], ['/']])(
    'answers 404 for %s',
    async (path) => {
      expect((await post(path, '{}')).status).toBe(404)
    },
  )

  describe('speech results and their audio', () => {
    let urls: string[] = []

    beforeAll(async () => {
      const id = idOf('speech-completes')
      await post(resultPath('speech'), JSON.stringify({ id }))
      clock = T0 + 5000
      const body = jsonOf(await post(resultPath('speech'), JSON.stringify({ id })))
      expect(body.status).toBe('COMPLETED')
      urls = (body.results as { url: string }[]).map((result) => result.url)
    })

    it('points the speech results at this server’s own origin', () => {
      expect(urls).toEqual(
        [0, 1].map((n) => `${server.url}/demo-audio/${idOf('speech-completes')}/${n}.wav`),
      )
    })

    it('serves each result as a cacheable audio/wav that admits ranges', async () => {
      for (const url of urls) {
        const reply = await send(server.url, 'GET', new URL(url).pathname)
        expect(reply.status).toBe(200)
        expect(reply.headers['content-type']).toBe('audio/wav')
        expect(reply.headers['cache-control']).toBe('public, max-age=3600')
        expect(reply.headers['accept-ranges']).toBe('bytes')
        expect(reply.headers['content-length']).toBe(String(reply.body.length))
        expect(reply.body.subarray(0, 4).toString('latin1')).toBe('RIFF')
      }
    })

    it('answers a Range with 206, and an unsatisfiable one with 416', async () => {
      const path = new URL(urls[0] ?? '').pathname
      const whole = await send(server.url, 'GET', path)
      const size = whole.body.length

      const piece = await send(server.url, 'GET', path, { headers: { range: 'bytes=0-' } })
      expect(piece.status).toBe(206)
      expect(piece.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`)
      expect(piece.body.equals(whole.body)).toBe(true)

      const tail = await send(server.url, 'GET', path, { headers: { range: 'bytes=-100' } })
      expect(tail.status).toBe(206)
      expect(tail.headers['content-range']).toBe(`bytes ${size - 100}-${size - 1}/${size}`)
      expect(tail.headers['content-length']).toBe('100')
      expect(tail.body.equals(whole.body.subarray(size - 100))).toBe(true)

      const beyond = await send(server.url, 'GET', path, { headers: { range: `bytes=${size}-` } })
      expect(beyond.status).toBe(416)
      expect(beyond.headers['content-range']).toBe(`bytes */${size}`)
    })

    it('answers HEAD with the length and no body', async () => {
      const path = new URL(urls[1] ?? '').pathname
      const get = await send(server.url, 'GET', path)
      const head = await send(server.url, 'HEAD', path)
      expect(head.status).toBe(200)
      expect(head.headers['content-type']).toBe('audio/wav')
      expect(head.headers['content-length']).toBe(String(get.body.length))
      expect(head.body.length).toBe(0)
    })

    it.each<[string, string]>([
      ['the expired link', `/demo-audio/${idOf('speech-expired')}/0.wav`],
      ['an index out of range', `/demo-audio/${idOf('speech-completes')}/2.wav`],
      ['a dot-dot path', `/demo-audio/../${idOf('speech-completes')}/0.wav`],
      ['an encoded dot-dot path', `/demo-audio/%2e%2e/${idOf('speech-completes')}/0.wav`],
      ['an image job', `/demo-audio/${idOf('completes')}/0.wav`],
    ])('answers 404 for %s', async (_, path) => {
      expect((await send(server.url, 'GET', path)).status).toBe(404)
    })

    it('answers 405 to POST on an audio path', async () => {
      const reply = await post(new URL(urls[0] ?? '').pathname, '{}')
      expect(reply.status).toBe(405)
      expect(reply.headers.allow).toBe('GET, HEAD')
    })
  })

  it('still serves the demo images', async () => {
    const reply = await send(server.url, 'GET', `/demo-images/${idOf('completes')}/0.png`)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('image/png')
  })
})
