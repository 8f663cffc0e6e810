import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  createDemoUpstream,
  DEMO_AUDIO_PATH_PREFIX,
  DEMO_IMAGE_PATH_PREFIX,
  DEMO_IDLE_RESET_MS,
  type DemoUpstream,
  type UpstreamResponse,
} from '../../server/demo-upstream.ts'
import { parseChatJob } from '../../src/kinds/chat/chat-job.ts'
import { JOB_KINDS, type BuiltInKind } from '../../src/lib/job-kinds.ts'
import { parseSpeechJob } from '../../src/kinds/speech/speech-job.ts'
import { demoJobs, type DemoScenario } from '../../src/lib/demo-jobs.ts'

const ORIGIN = 'http://localhost:5173'
const T0 = Date.parse('2025-05-17T07:00:00.000Z')
const JSON_TYPE = 'application/json; charset=utf-8'

function idOf(scenario: DemoScenario): string {
  const job = demoJobs.find((j) => j.scenario === scenario)
  if (!job) throw new Error(`no demo job for ${scenario}`)
  return job.id
}

/** An upstream on a hand-driven clock. */
function setup(): { upstream: DemoUpstream; at: (ms: number) => void } {
  let clock = T0
  const upstream = createDemoUpstream({ now: () => clock })
  return { upstream, at: (ms) => (clock = ms) }
}

function post(upstream: DemoUpstream, id: string): UpstreamResponse {
  return upstream.imagesResult(JSON.stringify({ id }), ORIGIN)
}

function kindOf(id: string): BuiltInKind {
  return demoJobs.find((job) => job.id === id)?.kind ?? 'images'
}

/** Asks the result endpoint of the job's own kind (images for an id the catalogue lacks). */
function ask(upstream: DemoUpstream, id: string): UpstreamResponse {
  return upstream.result(kindOf(id), JSON.stringify({ id }), ORIGIN)
}

function bodyOf(response: UpstreamResponse): Record<string, unknown> {
  expect(response.headers['content-type']).toBe(JSON_TYPE)
  expect(typeof response.body).toBe('string')
  const parsed: unknown = JSON.parse(String(response.body))
  expect(parsed).toBeTypeOf('object')
  return parsed as Record<string, unknown>
}

/** Starts the job's timeline at T0, then asks again `seconds` later. */
function statusAfter(scenario: DemoScenario, seconds: number): Record<string, unknown> {
  const { upstream, at } = setup()
  ask(upstream, idOf(scenario))
  at(T0 + seconds * 1000)
  const response = ask(upstream, idOf(scenario))
  expect(response.status).toBe(200)
  return bodyOf(response)
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('imagesResult: request validation', () => {
  it.each([
    ['empty body', ''],
    ['not JSON', 'id=3f2b8c1e'],
    ['JSON null', 'null'],
    ['JSON array', '["3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71"]'],
    ['JSON string', '"3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71"'],
    ['no id', '{}'],
    ['id not a string', '{"id": 42}'],
    ['id null', '{"id": null}'],
    ['id not a uuid', '{"id": "job-1"}'],
    ['uuid v1', '{"id": "3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71"}'],
    ['wrong variant', '{"id": "3f2b8c1e-7a4d-4e6f-cb1a-2c5d8e0f4a71"}'],
    ['uuid with spaces', '{"id": " 3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71 "}'],
    ['uuid with braces', '{"id": "{3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71}"}'],
  ])('answers 400 with a message for %s', (_, raw) => {
    const { upstream } = setup()
    const response = upstream.imagesResult(raw, ORIGIN)
    expect(response.status).toBe(400)
    const body = bodyOf(response)
    expect(body.message).toBeTypeOf('string')
    expect(String(body.message).length).toBeGreaterThan(0)
  })

  it.each([
    ['a valid but unknown id', '11111111-2222-4333-8444-555555555555'],
    ['the not-found scenario', idOf('not-found')],
    ['the not-found scenario in upper case', idOf('not-found').toUpperCase()],
  ])('answers 404 "Job not found" for %s', (_, id) => {
    const { upstream } = setup()
    const response = post(upstream, id)
    expect(response.status).toBe(404)
    expect(bodyOf(response)).toEqual({ message: 'Job not found' })
  })

  it('matches ids case-insensitively and echoes the lowercase form', () => {
    const { upstream } = setup()
    const id = idOf('completes')
    const mixed = id.slice(0, 18).toUpperCase() + id.slice(18)
    for (const variant of [id.toUpperCase(), mixed]) {
      const response = post(upstream, variant)
      expect(response.status).toBe(200)
      expect(bodyOf(response).id).toBe(id)
    }
  })

  it('ignores extra body fields', () => {
    const { upstream } = setup()
    const raw = JSON.stringify({ id: idOf('completes'), extra: true })
    expect(upstream.imagesResult(raw, ORIGIN).status).toBe(200)
  })
})

describe('imagesResult: timelines', () => {
  const table: [DemoScenario, number, string][] = [
    ['completes', 0, 'CREATED'],
    ['completes', 0.999, 'CREATED'],
    ['completes', 1, 'QUEUED'],
    ['completes', 2.499, 'QUEUED'],
    ['completes', 2.5, 'ASSIGNED_CONNECTIONS'],
    ['completes', 3.5, 'PROCESSING'],
    ['completes', 6.999, 'PROCESSING'],
    ['completes', 7, 'COMPLETED'],
    ['completes', 100, 'COMPLETED'],
    ['completes-slowly', 0.5, 'CREATED'],
    ['completes-slowly', 1, 'QUEUED'],
    ['completes-slowly', 7.9, 'QUEUED'],
    ['completes-slowly', 8, 'POSTPONED'],
    ['completes-slowly', 11.9, 'POSTPONED'],
    ['completes-slowly', 12, 'QUEUED'],
    ['completes-slowly', 14, 'ASSIGNED_CONNECTIONS'],
    ['completes-slowly', 15, 'PROCESSING'],
    ['completes-slowly', 19.9, 'PROCESSING'],
    ['completes-slowly', 20, 'COMPLETED'],
    ['error', 0.5, 'CREATED'],
    ['error', 1.5, 'QUEUED'],
    ['error', 2, 'PROCESSING'],
    ['error', 4.9, 'PROCESSING'],
    ['error', 5, 'ERROR'],
    ['error', 90, 'ERROR'],
    ['postponed', 0.5, 'CREATED'],
    ['postponed', 1, 'POSTPONED'],
    ['postponed', 119, 'POSTPONED'],
    ['flaky', 0.5, 'CREATED'],
    ['flaky', 1, 'QUEUED'],
    ['flaky', 3, 'ASSIGNED_CONNECTIONS'],
    ['flaky', 4, 'PROCESSING'],
    ['flaky', 7, 'COMPLETED'],
    ['unknown-status', 0, 'CANCELLED_BY_OPERATOR'],
    ['unknown-status', 60, 'CANCELLED_BY_OPERATOR'],
    ['expired-image', 0, 'COMPLETED'],
    ['expired-image', 60, 'COMPLETED'],
  ]

  it.each(table)('%s at %ss is %s', (scenario, seconds, status) => {
    expect(statusAfter(scenario, seconds).status).toBe(status)
  })

  it('completes: ISO times, finished null and results [] until COMPLETED, then four images', () => {
    const pending = statusAfter('completes', 4)
    expect(pending).toEqual({
      id: idOf('completes'),
      status: 'PROCESSING',
      created: '2025-05-17T07:00:00.000Z',
      finished: null,
      model: 'Flux.1 [dev]',
      results: [],
    })

    const done = statusAfter('completes', 9)
    expect(done.created).toBe('2025-05-17T07:00:00.000Z')
    expect(done.finished).toBe('2025-05-17T07:00:07.000Z')
    const results = done.results as { url: string; revised_prompt: string }[]
    expect(results).toHaveLength(4)
    results.forEach((result, index) => {
      expect(result.url).toBe(`${ORIGIN}${DEMO_IMAGE_PATH_PREFIX}${idOf('completes')}/${index}.png`)
      expect(result.revised_prompt.length).toBeGreaterThan(40)
    })
    expect(new Set(results.map((r) => r.revised_prompt)).size).toBe(4)
  })

  it('completes-slowly: epoch seconds, finished and results absent until COMPLETED', () => {
    const pending = statusAfter('completes-slowly', 9)
    expect(pending).toEqual({
      id: idOf('completes-slowly'),
      status: 'POSTPONED',
      created: T0 / 1000,
      model: 'SDXL Lightning',
    })
    expect('finished' in pending).toBe(false)
    expect('results' in pending).toBe(false)

    const done = statusAfter('completes-slowly', 25)
    expect(done.created).toBe(T0 / 1000)
    expect(done.finished).toBe(T0 / 1000 + 20)
    expect(done.results).toHaveLength(1)
  })

  it('error: finished null while running, set at ERROR; results empty', () => {
    const running = statusAfter('error', 3)
    expect(running.finished).toBeNull()
    expect(running.results).toEqual([])

    const failed = statusAfter('error', 6)
    expect(failed.finished).toBe('2025-05-17T07:00:05.000Z')
    expect(
      failed.results === null || (Array.isArray(failed.results) && failed.results.length === 0),
    ).toBe(true)
  })

  it('postponed: finished and results null', () => {
    const body = statusAfter('postponed', 30)
    expect(body.finished).toBeNull()
    expect(body.results).toBeNull()
    expect(body.created).toBe('2025-05-17T07:00:00.000Z')
  })

  it('unknown-status: unknown status and an extra priority field', () => {
    expect(statusAfter('unknown-status', 0)).toEqual({
      id: idOf('unknown-status'),
      status: 'CANCELLED_BY_OPERATOR',
      created: '2025-05-17T07:00:00.000Z',
      finished: null,
      model: 'Flux.1 [dev]',
      results: [],
      priority: 3,
    })
  })

  it('expired-image: completed three hours before the first request, two images', () => {
    const { upstream } = setup()
    const body = bodyOf(post(upstream, idOf('expired-image')))
    expect(body.status).toBe('COMPLETED')
    const created = T0 - 3 * 60 * 60 * 1000
    // Either ISO strings or epoch milliseconds are allowed by the brief; pin down which.
    expect(body.created).toBe(created)
    expect(body.finished).toBe(created + 42_000)
    expect(body.results).toHaveLength(2)
  })

  it('keeps a separate timeline per job', () => {
    const { upstream, at } = setup()
    post(upstream, idOf('completes'))
    at(T0 + 10_000)
    expect(bodyOf(post(upstream, idOf('completes'))).status).toBe('COMPLETED')
    expect(bodyOf(post(upstream, idOf('error'))).status).toBe('CREATED')
  })

  it('keeps a separate state per upstream instance', () => {
    const a = setup()
    post(a.upstream, idOf('completes'))
    a.at(T0 + 10_000)
    const b = createDemoUpstream({ now: () => T0 + 10_000 })
    expect(bodyOf(post(b, idOf('completes'))).status).toBe('CREATED')
  })
})

describe('imagesResult: flaky', () => {
  it('answers 500 with gateway HTML on every third request', () => {
    const { upstream, at } = setup()
    const statuses: number[] = []
    for (let n = 0; n < 9; n++) {
      at(T0 + n * 1000)
      const response = post(upstream, idOf('flaky'))
      statuses.push(response.status)
      if (response.status === 500) {
        expect(response.headers['content-type']).toMatch(/^text\/html/)
        expect(String(response.body)).toContain('<h1>500 Internal Server Error</h1>')
      } else {
        bodyOf(response)
      }
    }
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200, 200, 500])
  })

  it('completes with three images between the failures', () => {
    const { upstream, at } = setup()
    post(upstream, idOf('flaky'))
    at(T0 + 8000)
    const body = bodyOf(post(upstream, idOf('flaky')))
    expect(body.status).toBe('COMPLETED')
    expect(body.results).toHaveLength(3)
  })

  it('restarts the request count with the timeline', () => {
    const { upstream, at } = setup()
    post(upstream, idOf('flaky'))
    post(upstream, idOf('flaky'))
    at(T0 + 2 * 60 * 1000)
    // Would have been the third request; after the idle reset it is the first.
    expect(post(upstream, idOf('flaky')).status).toBe(200)
    expect(post(upstream, idOf('flaky')).status).toBe(200)
    expect(post(upstream, idOf('flaky')).status).toBe(500)
  })
})

describe('imagesResult: timeline restart', () => {
  it('restarts a job not requested for two minutes', () => {
    const { upstream, at } = setup()
    const id = idOf('completes')
    post(upstream, id)
    at(T0 + 10_000)
    expect(bodyOf(post(upstream, id)).status).toBe('COMPLETED')

    const restart = T0 + 10_000 + 2 * 60 * 1000
    at(restart)
    const body = bodyOf(post(upstream, id))
    expect(body.status).toBe('CREATED')
    expect(body.created).toBe(new Date(restart).toISOString())
    expect(body.finished).toBeNull()

    at(restart + 7000)
    expect(bodyOf(post(upstream, id)).finished).toBe(new Date(restart + 7000).toISOString())
  })

  it('does not restart while the job keeps being requested', () => {
    const { upstream, at } = setup()
    const id = idOf('completes-slowly')
    for (let t = 0; t <= 10 * 60 * 1000; t += 119_999) {
      at(T0 + t)
      const body = bodyOf(post(upstream, id))
      expect(body.created).toBe(T0 / 1000)
      if (t > 0) expect(body.status).toBe('COMPLETED')
    }
  })

  it('moves the expired-image job times with the restart', () => {
    const { upstream, at } = setup()
    const id = idOf('expired-image')
    post(upstream, id)
    const later = T0 + 5 * 60 * 1000
    at(later)
    expect(bodyOf(post(upstream, id)).created).toBe(later - 3 * 60 * 60 * 1000)
  })
})

describe('image', () => {
  const completes = idOf('completes')

  it('serves every result URL as a 384x384 PNG, except the expired one', () => {
    const { upstream, at } = setup()
    for (const job of demoJobs) {
      post(upstream, job.id)
    }
    at(T0 + 60_000)
    let served = 0
    for (const job of demoJobs) {
      const response = post(upstream, job.id)
      if (response.status !== 200) continue
      const results = bodyOf(response).results
      if (!Array.isArray(results)) continue
      for (const result of results as { url: string }[]) {
        const url = new URL(result.url)
        expect(url.origin).toBe(ORIGIN)
        const image = upstream.image(url.pathname)
        if (job.scenario === 'expired-image' && url.pathname.endsWith('/1.png')) {
          expect(image?.status).toBe(404)
          expect(image?.body).toBe('expired')
          expect(image?.headers['content-type']).toMatch(/^text\/plain/)
          continue
        }
        expect(image?.status).toBe(200)
        expect(image?.headers).toEqual({
          'content-type': 'image/png',
          'cache-control': 'public, max-age=3600',
        })
        const png = image?.body
        if (!Buffer.isBuffer(png)) throw new Error('expected a Buffer body')
        expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
        expect(pngSize(png)).toEqual({ width: 384, height: 384 })
        served++
      }
    }
    // completes 4 + completes-slowly 1 + flaky 3 (answered 200 on request 2) + expired-image 1
    expect(served).toBe(9)
  })

  it('decodes to full-size pixel data', () => {
    const { upstream } = setup()
    const png = upstream.image(`${DEMO_IMAGE_PATH_PREFIX}${completes}/0.png`)?.body
    if (!Buffer.isBuffer(png)) throw new Error('expected a Buffer body')
    const idatLength = png.readUInt32BE(33)
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT')
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(384 * (1 + 3 * 384))
  })

  it('renders the same bytes for a pair and different images per index and job', () => {
    const { upstream } = setup()
    const get = (id: string, index: number): Buffer => {
      const body = upstream.image(`${DEMO_IMAGE_PATH_PREFIX}${id}/${index}.png`)?.body
      if (!Buffer.isBuffer(body)) throw new Error('expected a Buffer body')
      return body
    }
    expect(get(completes, 0).equals(get(completes, 0))).toBe(true)
    expect(get(completes, 0).equals(get(completes, 1))).toBe(false)
    expect(get(completes, 0).equals(get(idOf('flaky'), 0))).toBe(false)
    expect(get(completes.toUpperCase(), 2).equals(get(completes, 2))).toBe(true)
  })

  it.each([
    ['index past the job’s images', `${completes}/4.png`],
    ['a job without images', `${idOf('error')}/0.png`],
    ['the not-found job', `${idOf('not-found')}/0.png`],
    ['an unknown uuid', '11111111-2222-4333-8444-555555555555/0.png'],
    ['an empty rest', ''],
    ['a bare job id', completes],
    ['no extension', `${completes}/0`],
    ['another extension', `${completes}/0.jpg`],
    ['a leading zero', `${completes}/00.png`],
    ['a negative index', `${completes}/-1.png`],
    ['a query string', `${completes}/0.png?x=1`],
    ['a trailing slash', `${completes}/0.png/`],
    ['parent traversal', '../package.json'],
    ['traversal inside the path', `${completes}/../${completes}/0.png`],
    ['traversal after the file', `${completes}/0.png/../0.png`],
    ['encoded traversal', `%2e%2e/${completes}/0.png`],
    ['encoded slash', `${completes}%2F0.png`],
    ['backslash traversal', `..\\${completes}\\0.png`],
    ['a double slash', `/${completes}/0.png`],
  ])('answers 404 for %s', (_, rest) => {
    const { upstream } = setup()
    const response = upstream.image(`${DEMO_IMAGE_PATH_PREFIX}${rest}`)
    expect(response?.status).toBe(404)
    expect(response?.headers['content-type']).toMatch(/^text\/plain/)
  })

  it.each([
    ['/'],
    ['/async/images/result'],
    ['/demo-images'],
    ['/demo-imagesX/' + completes + '/0.png'],
    ['demo-images/' + completes + '/0.png'],
    ['/x/demo-images/' + completes + '/0.png'],
  ])('leaves %s to someone else', (pathname) => {
    const { upstream } = setup()
    expect(upstream.image(pathname)).toBeUndefined()
  })
})

describe('result: each demo job is known by its own kind’s endpoint only', () => {
  const cases = demoJobs.flatMap((job) => JOB_KINDS.map((kind) => [job.scenario, kind] as const))

  it.each(cases)('%s on the %s endpoint', (scenario, kind) => {
    const { upstream } = setup()
    const job = demoJobs.find((candidate) => candidate.scenario === scenario)
    if (!job) throw new Error(`no demo job for ${scenario}`)
    const response = upstream.result(kind, JSON.stringify({ id: job.id }), ORIGIN)
    if (job.kind === kind) {
      expect(response.status).toBe(200)
      expect(bodyOf(response).status).toBeTypeOf('string')
    } else {
      expect(response.status).toBe(404)
      expect(bodyOf(response)).toEqual({ message: 'Job not found' })
    }
  })

  it('does not start a job’s timeline when another endpoint is asked about it', () => {
    const { upstream, at } = setup()
    const id = idOf('chat-progress')
    upstream.result('images', JSON.stringify({ id }), ORIGIN)
    at(T0 + 5000)
    expect(bodyOf(ask(upstream, id)).status).toBe('CREATED')
  })

  it.each(
    JOB_KINDS.flatMap((kind) =>
      ['', 'null', '[]', '{}', '{"id": 42}', '{"id": "job-1"}'].map((raw) => [kind, raw] as const),
    ),
  )('the %s endpoint answers 400 with a message for the body %j', (kind, raw) => {
    const { upstream } = setup()
    const response = upstream.result(kind, raw, ORIGIN)
    expect(response.status).toBe(400)
    expect(String(bodyOf(response).message).length).toBeGreaterThan(0)
  })

  it.each(JOB_KINDS)('the %s endpoint answers 404 for an unknown id', (kind) => {
    const { upstream } = setup()
    const response = upstream.result(
      kind,
      JSON.stringify({ id: '11111111-2222-4333-8444-555555555555' }),
      ORIGIN,
    )
    expect(response.status).toBe(404)
    expect(bodyOf(response)).toEqual({ message: 'Job not found' })
  })
})

describe('chat and speech: timelines', () => {
  const table: [DemoScenario, number, string][] = [
    ['chat-completes', 0, 'CREATED'],
    ['chat-completes', 0.5, 'QUEUED'],
    ['chat-completes', 1.5, 'PROCESSING'],
    ['chat-completes', 2.999, 'PROCESSING'],
    ['chat-completes', 3, 'COMPLETED'],
    ['chat-completes', 100, 'COMPLETED'],
    ['chat-progress', 0, 'CREATED'],
    ['chat-progress', 1, 'QUEUED'],
    ['chat-progress', 2.499, 'QUEUED'],
    ['chat-progress', 2.5, 'POSTPONED'],
    ['chat-progress', 4, 'ASSIGNED_CONNECTIONS'],
    ['chat-progress', 5.5, 'PROCESSING'],
    ['chat-progress', 7.999, 'PROCESSING'],
    ['chat-progress', 8, 'COMPLETED'],
    ['chat-progress', 100, 'COMPLETED'],
    ['chat-error', 0, 'CREATED'],
    ['chat-error', 1, 'QUEUED'],
    ['chat-error', 2, 'PROCESSING'],
    ['chat-error', 3.999, 'PROCESSING'],
    ['chat-error', 4, 'ERROR'],
    ['chat-error', 100, 'ERROR'],
    ['speech-completes', 0, 'CREATED'],
    ['speech-completes', 1, 'QUEUED'],
    ['speech-completes', 2, 'PROCESSING'],
    ['speech-completes', 3.999, 'PROCESSING'],
    ['speech-completes', 4, 'COMPLETED'],
    ['speech-completes', 100, 'COMPLETED'],
    ['speech-expired', 0, 'COMPLETED'],
    ['speech-expired', 60, 'COMPLETED'],
  ]

  it.each(table)('%s at %ss is %s', (scenario, seconds, status) => {
    expect(statusAfter(scenario, seconds).status).toBe(status)
  })

  it('chat-progress shows each of its statuses to a client polling every second', () => {
    const { upstream, at } = setup()
    const seen: string[] = []
    for (let t = 0; t <= 10_000; t += 1000) {
      at(T0 + t)
      const status = String(bodyOf(ask(upstream, idOf('chat-progress'))).status)
      if (seen.at(-1) !== status) seen.push(status)
    }
    expect(seen).toEqual([
      'CREATED',
      'QUEUED',
      'POSTPONED',
      'ASSIGNED_CONNECTIONS',
      'PROCESSING',
      'COMPLETED',
    ])
  })

  it('replays a chat job not asked about for two minutes', () => {
    const { upstream, at } = setup()
    const id = idOf('chat-progress')
    ask(upstream, id)
    at(T0 + 10_000)
    expect(bodyOf(ask(upstream, id)).status).toBe('COMPLETED')
    const restart = T0 + 10_000 + DEMO_IDLE_RESET_MS
    at(restart)
    const body = bodyOf(ask(upstream, id))
    expect(body.status).toBe('CREATED')
    expect(body.created).toBe(restart)
  })

  it('moves the speech-expired times with a replay', () => {
    const { upstream, at } = setup()
    const id = idOf('speech-expired')
    ask(upstream, id)
    const later = T0 + 5 * 60 * 1000
    at(later)
    expect(bodyOf(ask(upstream, id)).created).toBe(later - 5 * 60 * 60 * 1000)
  })
})

describe('chat: bodies', () => {
  const chatScenarios: DemoScenario[] = ['chat-completes', 'chat-progress', 'chat-error']

  /** The body the app's own parser makes of it, for the id the app asked about. */
  function parsedChat(scenario: DemoScenario, seconds: number) {
    const body = statusAfter(scenario, seconds)
    return { body, job: parseChatJob(body, JSON.stringify(body), idOf(scenario)) }
  }

  it.each(chatScenarios)('%s parses with the app’s chat parser at every moment', (scenario) => {
    for (let seconds = 0; seconds <= 12; seconds += 0.5) {
      const { body, job } = parsedChat(scenario, seconds)
      expect(job.kind).toBe('chat')
      expect(job.id).toBe(idOf(scenario))
      expect(job.status).toBe(body.status)
      expect(job.created.kind).toBe('valid')
    }
  })

  it('chat-completes: epoch seconds, nothing finished until COMPLETED', () => {
    expect(statusAfter('chat-completes', 1)).toEqual({
      id: idOf('chat-completes'),
      status: 'QUEUED',
      created: T0 / 1000,
      finished: null,
      model: 'Llama-3.1-8B-Instruct',
      service_tier: 'default',
      usage: null,
      choices: [],
    })
  })

  it('chat-completes: an OpenAI-style answer over several lines with one tool call', () => {
    const { body, job } = parsedChat('chat-completes', 5)
    expect(body.created).toBe(T0 / 1000)
    expect(body.finished).toBe(T0 / 1000 + 3)
    expect(body.model).toBe('Llama-3.1-8B-Instruct')
    expect(body.service_tier).toBe('default')
    const usage = body.usage as Record<string, number>
    expect(usage.total_tokens).toBe((usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0))
    expect(usage.total_tokens).toBeGreaterThan(0)

    const choices = body.choices as {
      index: number
      finish_reason: string
      message: { role: string; content: string; tool_calls: unknown[] }
    }[]
    expect(choices).toHaveLength(1)
    expect(choices[0]?.index).toBe(0)
    expect(choices[0]?.finish_reason).toBe('tool_calls')
    expect(choices[0]?.message.role).toBe('assistant')
    expect(choices[0]?.message.content.split('\n').length).toBeGreaterThanOrEqual(4)
    expect(choices[0]?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/) as string,
        type: 'function',
        function: { name: 'open_carrier_trace', arguments: expect.any(String) as string },
      },
    ])

    expect(job.created).toEqual({ kind: 'valid', date: new Date(T0) })
    expect(job.finished).toEqual({ kind: 'valid', date: new Date(T0 + 3000) })
    expect(job.usage).toEqual({ promptTokens: 412, completionTokens: 96, totalTokens: 508 })
    const message = job.choices[0]?.message
    expect(job.choices[0]?.finishReason).toBe('tool_calls')
    expect(message?.content).toContain('\n')
    const call = message?.toolCalls[0]
    expect(call?.name).toBe('open_carrier_trace')
    expect(call?.type).toBe('function')
    // Arguments are JSON text, as in the OpenAI shape: the view pretty-prints them.
    expect(JSON.parse(call?.arguments ?? '')).toEqual({
      order_id: '48213',
      carrier: 'DHL',
      notify: ['email'],
    })
  })

  it('chat-progress: epoch milliseconds, no id, finished, usage or choices while pending', () => {
    expect(statusAfter('chat-progress', 3)).toEqual({
      status: 'POSTPONED',
      created: T0,
      model: 'Llama-3.1-8B-Instruct',
      service_tier: 'default',
    })
  })

  it('chat-progress: completes with a plain stop answer and still no id', () => {
    const { body, job } = parsedChat('chat-progress', 9)
    expect('id' in body).toBe(false)
    expect(body.created).toBe(T0)
    expect(body.finished).toBe(T0 + 8000)
    const choice = (body.choices as { finish_reason: string; message: object }[])[0]
    expect(choice?.finish_reason).toBe('stop')
    expect(choice?.message).not.toHaveProperty('tool_calls')

    expect(job.id).toBe(idOf('chat-progress'))
    expect(job.created).toEqual({ kind: 'valid', date: new Date(T0) })
    expect(job.finished).toEqual({ kind: 'valid', date: new Date(T0 + 8000) })
    expect(job.choices[0]?.finishReason).toBe('stop')
    expect(job.choices[0]?.message?.role).toBe('assistant')
    expect(job.choices[0]?.message?.content?.split('\n').length).toBeGreaterThan(1)
    expect(job.choices[0]?.message?.toolCalls).toEqual([])
  })

  it('chat-error: finished null while running, set at ERROR; never any choices', () => {
    const running = statusAfter('chat-error', 3)
    expect(running.finished).toBeNull()
    expect(running.choices).toEqual([])

    const { body, job } = parsedChat('chat-error', 6)
    expect(body.status).toBe('ERROR')
    expect(body.finished).toBe(T0 / 1000 + 4)
    expect(body.choices).toEqual([])
    expect(job.choices).toEqual([])
    expect(job.finished).toEqual({ kind: 'valid', date: new Date(T0 + 4000) })
  })
})

describe('speech: bodies', () => {
  const audioUrl = (scenario: DemoScenario, index: number) =>
    `${ORIGIN}${DEMO_AUDIO_PATH_PREFIX}${idOf(scenario)}/${index}.wav`

  function parsedSpeech(scenario: DemoScenario, seconds: number) {
    const body = statusAfter(scenario, seconds)
    return { body, job: parseSpeechJob(body, JSON.stringify(body)) }
  }

  it.each<DemoScenario>(['speech-completes', 'speech-expired'])(
    '%s parses with the app’s speech parser at every moment',
    (scenario) => {
      for (let seconds = 0; seconds <= 8; seconds += 0.5) {
        const { body, job } = parsedSpeech(scenario, seconds)
        expect(job.kind).toBe('speech')
        expect(job.id).toBe(idOf(scenario))
        expect(job.status).toBe(body.status)
        expect(job.model).toBe('Chatterbox')
      }
    },
  )

  it('speech-completes: epoch seconds, finished absent and no results while pending', () => {
    const pending = statusAfter('speech-completes', 3)
    expect(pending).toEqual({
      id: idOf('speech-completes'),
      status: 'PROCESSING',
      created: T0 / 1000,
      model: 'Chatterbox',
      results: [],
    })
  })

  it('speech-completes: two audio results served by the demo itself', () => {
    const { body, job } = parsedSpeech('speech-completes', 5)
    expect(body.created).toBe(T0 / 1000)
    expect(body.finished).toBe(T0 / 1000 + 4)
    expect(body.results).toEqual([
      { url: audioUrl('speech-completes', 0) },
      { url: audioUrl('speech-completes', 1) },
    ])
    expect(job.finished).toEqual({ kind: 'valid', date: new Date(T0 + 4000) })
    expect(job.results.map((result) => result.url)).toEqual([
      { safe: true, href: audioUrl('speech-completes', 0), raw: audioUrl('speech-completes', 0) },
      { safe: true, href: audioUrl('speech-completes', 1), raw: audioUrl('speech-completes', 1) },
    ])
  })

  it('speech-expired: completed five hours before the first request, in epoch milliseconds', () => {
    const { body, job } = parsedSpeech('speech-expired', 0)
    const created = T0 - 5 * 60 * 60 * 1000
    expect(body).toEqual({
      id: idOf('speech-expired'),
      status: 'COMPLETED',
      created,
      finished: created + 6000,
      model: 'Chatterbox',
      results: [{ url: audioUrl('speech-expired', 0) }],
    })
    expect(job.created).toEqual({ kind: 'valid', date: new Date(created) })
  })
})

describe('audio', () => {
  const speech = idOf('speech-completes')
  const path = (id: string, index: number) => `${DEMO_AUDIO_PATH_PREFIX}${id}/${index}.wav`

  function wavOf(response: UpstreamResponse | undefined): Buffer {
    const body = response?.body
    if (!Buffer.isBuffer(body)) throw new Error('expected a Buffer body')
    return body
  }

  it('serves every audio URL of the completed speech job as a WAV file, with its size', () => {
    const { upstream, at } = setup()
    ask(upstream, speech)
    at(T0 + 10_000)
    const results = bodyOf(ask(upstream, speech)).results as { url: string }[]
    const files = results.map((result) => {
      const url = new URL(result.url)
      expect(url.origin).toBe(ORIGIN)
      const response = upstream.audio(url.pathname, 'GET')
      expect(response?.status).toBe(200)
      const wav = wavOf(response)
      expect(response?.headers).toEqual({
        'content-type': 'audio/wav',
        'cache-control': 'public, max-age=3600',
        'accept-ranges': 'bytes',
        'content-length': String(wav.length),
      })
      expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF')
      expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE')
      expect(wav.length).toBeLessThan(100 * 1024)
      return wav
    })
    expect(files).toHaveLength(2)
    expect(files[0]?.equals(files[1] ?? Buffer.alloc(0))).toBe(false)
  })

  it('answers 404 "expired" for the expired speech job’s audio', () => {
    const { upstream } = setup()
    const response = upstream.audio(path(idOf('speech-expired'), 0), 'GET')
    expect(response?.status).toBe(404)
    expect(response?.body).toBe('expired')
    expect(response?.headers['content-type']).toMatch(/^text\/plain/)
  })

  it('matches the job id case-insensitively', () => {
    const { upstream } = setup()
    const upper = wavOf(upstream.audio(path(speech.toUpperCase(), 1), 'GET'))
    expect(upper.equals(wavOf(upstream.audio(path(speech, 1), 'GET')))).toBe(true)
  })

  it.each<[string, string, number, number]>([
    ['from the start', 'bytes=0-', 0, -1],
    ['the header', 'bytes=0-43', 0, 43],
    ['a middle piece', 'bytes=100-199', 100, 199],
    ['from an offset to the end', 'bytes=1000-', 1000, -1],
    ['the last 10 bytes', 'bytes=-10', -10, -1],
    ['past the end, cut to the end', 'bytes=1000-99999999', 1000, -1],
  ])('answers a Range %s with 206 and that piece', (_, range, from, to) => {
    const { upstream } = setup()
    const whole = wavOf(upstream.audio(path(speech, 0), 'GET'))
    const size = whole.length
    const start = from < 0 ? size + from : from
    const end = to < 0 ? size + to : to
    const response = upstream.audio(path(speech, 0), 'GET', range)
    expect(response?.status).toBe(206)
    expect(response?.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`)
    expect(response?.headers['content-length']).toBe(String(end - start + 1))
    expect(response?.headers['content-type']).toBe('audio/wav')
    expect(response?.headers['accept-ranges']).toBe('bytes')
    expect(wavOf(response).equals(whole.subarray(start, end + 1))).toBe(true)
  })

  it.each([['bytes=999999-'], ['bytes=-0']])('answers %s with 416 and the size', (range) => {
    const { upstream } = setup()
    const size = wavOf(upstream.audio(path(speech, 0), 'GET')).length
    const response = upstream.audio(path(speech, 0), 'GET', range.replace('999999', String(size)))
    expect(response?.status).toBe(416)
    expect(response?.headers['content-range']).toBe(`bytes */${size}`)
  })

  it.each([['bytes=0-1,10-20'], ['bytes=20-10'], ['pages=1-2'], ['nonsense']])(
    'ignores the Range %s and sends the whole file',
    (range) => {
      const { upstream } = setup()
      const response = upstream.audio(path(speech, 0), 'GET', range)
      expect(response?.status).toBe(200)
      expect(response?.headers['content-range']).toBeUndefined()
    },
  )

  it('answers HEAD with the GET headers, no body, and no range', () => {
    const { upstream } = setup()
    const get = upstream.audio(path(speech, 0), 'GET')
    const head = upstream.audio(path(speech, 0), 'HEAD')
    expect(head?.status).toBe(200)
    expect(head?.headers).toEqual(get?.headers)
    expect(head?.body).toBe('')
    expect(upstream.audio(path(speech, 0), 'HEAD', 'bytes=0-9')?.status).toBe(200)
  })

  it.each(['POST', 'PUT', 'DELETE'])('answers %s with 405 and the methods allowed', (method) => {
    const { upstream } = setup()
    const response = upstream.audio(path(speech, 0), method)
    expect(response?.status).toBe(405)
    expect(response?.headers.allow).toBe('GET, HEAD')
  })

  it.each([
    ['an index past the job’s results', `${speech}/2.wav`],
    ['the expired job’s second index', `${idOf('speech-expired')}/1.wav`],
    ['an image job', `${idOf('completes')}/0.wav`],
    ['a chat job', `${idOf('chat-completes')}/0.wav`],
    ['the not-found job', `${idOf('not-found')}/0.wav`],
    ['an unknown uuid', '11111111-2222-4333-8444-555555555555/0.wav'],
    ['an empty rest', ''],
    ['a bare job id', speech],
    ['no extension', `${speech}/0`],
    ['another extension', `${speech}/0.png`],
    ['a leading zero', `${speech}/00.wav`],
    ['a negative index', `${speech}/-1.wav`],
    ['a query string', `${speech}/0.wav?x=1`],
    ['a trailing slash', `${speech}/0.wav/`],
    ['parent traversal', '../package.json'],
    ['traversal inside the path', `${speech}/../${speech}/0.wav`],
    ['encoded traversal', `%2e%2e/${speech}/0.wav`],
    ['encoded slash', `${speech}%2F0.wav`],
    ['backslash traversal', `..\\${speech}\\0.wav`],
    ['a double slash', `/${speech}/0.wav`],
  ])('answers 404 for %s', (_, rest) => {
    const { upstream } = setup()
    const response = upstream.audio(`${DEMO_AUDIO_PATH_PREFIX}${rest}`, 'GET')
    expect(response?.status).toBe(404)
    expect(response?.headers['content-type']).toMatch(/^text\/plain/)
  })

  it.each([
    ['/'],
    ['/demo-audio'],
    ['/demo-audioX/' + speech + '/0.wav'],
    ['demo-audio/' + speech + '/0.wav'],
    ['/demo-images/' + speech + '/0.wav'],
  ])('leaves %s to someone else', (pathname) => {
    const { upstream } = setup()
    expect(upstream.audio(pathname, 'GET')).toBeUndefined()
  })

  it('serves no image for a speech job', () => {
    const { upstream } = setup()
    expect(upstream.image(`${DEMO_IMAGE_PATH_PREFIX}${speech}/0.png`)?.status).toBe(404)
  })
})
