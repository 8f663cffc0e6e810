// Finding a job's kind from its id alone: every mix of answers across the three result endpoints,
// both strategies, and what is remembered between attempts of one search.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../src/api/api-error.ts'
import { JOB_KINDS, type BuiltInKind } from '../../src/lib/job-kinds.ts'
import { type SearchStrategy, findJob } from '../../src/jobs/find-job.ts'
import { createRequestLimiter } from '../../src/jobs/request-limiter.ts'
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'

type Answer = 200 | 404 | 500 | 'net' | 'garbage'

const bodies: Record<BuiltInKind, unknown> = {
  images: { id: ID, status: 'COMPLETED', results: [] },
  chat: { status: 'COMPLETED', choices: [] },
  speech: { id: ID, status: 'QUEUED', results: null },
}

interface Call {
  readonly kind: BuiltInKind
  readonly at: number
}

/** A fetch that answers each endpoint as scripted (optionally after a delay), recording calls. */
function stubFetch(
  answers: Record<BuiltInKind, Answer>,
  delays: Partial<Record<BuiltInKind, number>> = {},
) {
  const calls: Call[] = []
  const started = Date.now()
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString()
    const kind = JOB_KINDS.find((candidate) => url.endsWith(`/async/${candidate}/result`))
    if (kind === undefined) throw new Error(`unexpected URL ${url}`)
    calls.push({ kind, at: Date.now() - started })
    const delay = delays[kind] ?? 0
    if (delay > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay)
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(new DOMException('Aborted', 'AbortError'))
        })
      })
    }
    const answer = answers[kind]
    if (answer === 'net') throw new TypeError('fetch failed')
    if (answer === 'garbage') return new Response('<html>oops</html>', { status: 200 })
    if (answer === 404) return Response.json({ message: 'Job not found' }, { status: 404 })
    if (answer === 500) return new Response('<h1>500</h1>', { status: 500 })
    return Response.json(bodies[kind])
  })
  vi.stubGlobal('fetch', fetchStub)
  return { calls, kinds: () => calls.map((call) => call.kind) }
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

function search(
  strategy: SearchStrategy,
  notFoundIn = new Set<BuiltInKind>(),
  kinds: readonly BuiltInKind[] = JOB_KINDS,
) {
  return findJob(ID, kinds, { kinds: BUILT_IN_KINDS, apiBase: '/api', strategy, notFoundIn })
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the search to fail')
}

describe.each<SearchStrategy>(['parallel', 'sequential'])('findJob (%s)', (strategy) => {
  it.each<[string, Record<BuiltInKind, Answer>, BuiltInKind]>([
    ['an image job', { images: 200, chat: 404, speech: 404 }, 'images'],
    ['a chat job', { images: 404, chat: 200, speech: 404 }, 'chat'],
    ['a speech job', { images: 404, chat: 404, speech: 200 }, 'speech'],
    ['a chat job while images fails', { images: 500, chat: 200, speech: 404 }, 'chat'],
    ['a speech job while chat has no network', { images: 404, chat: 'net', speech: 200 }, 'speech'],
    [
      'a speech job while images answers garbage',
      { images: 'garbage', chat: 404, speech: 200 },
      'speech',
    ],
  ])('finds %s, asking each endpoint at most once', async (_, answers, expected) => {
    const stub = stubFetch(answers)
    const memory = new Set<BuiltInKind>()
    const found = await search(strategy, memory)
    expect(found.job.kind).toBe(expected)
    expect(new Set(stub.kinds()).size).toBe(stub.calls.length)
    // a concluded search leaves nothing behind for the next one
    expect(memory.size).toBe(0)
  })

  it('reads "not found" only when all three endpoints answer 404, and names them', async () => {
    const stub = stubFetch({ images: 404, chat: 404, speech: 404 })
    const memory = new Set<BuiltInKind>()
    const error = await failureOf(search(strategy, memory))
    expect(error.kind).toBe('not-found')
    expect(error.notFoundIn).toEqual(['images', 'chat', 'speech'])
    expect(error.message).toContain('images, chat and speech')
    expect(stub.kinds().sort()).toEqual(['chat', 'images', 'speech'])
    expect(memory.size).toBe(0)
  })

  it.each<[string, Record<BuiltInKind, Answer>, BuiltInKind, ApiError['kind'], BuiltInKind[]]>([
    [
      '404, 404, 500',
      { images: 404, chat: 404, speech: 500 },
      'speech',
      'upstream',
      ['images', 'chat'],
    ],
    [
      '500, 404, 404',
      { images: 500, chat: 404, speech: 404 },
      'images',
      'upstream',
      ['chat', 'speech'],
    ],
    [
      '404, no network, 404',
      { images: 404, chat: 'net', speech: 404 },
      'chat',
      'network',
      ['images', 'speech'],
    ],
    [
      'garbage, 404, 404',
      { images: 'garbage', chat: 404, speech: 404 },
      'images',
      'bad-response',
      ['chat', 'speech'],
    ],
    ['500, 500, 404', { images: 500, chat: 500, speech: 404 }, 'images', 'upstream', ['speech']],
    ['500, 500, 500', { images: 500, chat: 500, speech: 500 }, 'images', 'upstream', []],
  ])(
    'never reads %s as "not found": the failure is the answer, and the 404s are remembered',
    async (_, answers, failedKind, errorKind, remembered) => {
      stubFetch(answers)
      const memory = new Set<BuiltInKind>()
      const error = await failureOf(search(strategy, memory))
      expect(error.kind).toBe(errorKind)
      expect(error.jobKind).toBe(failedKind)
      expect(error.notFoundIn).toEqual(remembered)
      expect([...memory].sort()).toEqual([...remembered].sort())
    },
  )

  it('asks only the endpoints that have not said 404 yet when the search goes on', async () => {
    const first = stubFetch({ images: 404, chat: 500, speech: 404 })
    const memory = new Set<BuiltInKind>()
    await failureOf(search(strategy, memory))
    expect(first.kinds().sort()).toEqual(['chat', 'images', 'speech'])

    // the retry: chat recovers; images and speech are not asked again
    const retry = stubFetch({ images: 404, chat: 200, speech: 404 })
    const found = await search(strategy, memory)
    expect(found.job.kind).toBe('chat')
    expect(retry.kinds()).toEqual(['chat'])
    expect(memory.size).toBe(0)
  })

  it('concludes "not found" once the failing endpoint answers 404 too', async () => {
    stubFetch({ images: 404, chat: 500, speech: 404 })
    const memory = new Set<BuiltInKind>()
    await failureOf(search(strategy, memory))
    const retry = stubFetch({ images: 404, chat: 404, speech: 404 })
    const error = await failureOf(search(strategy, memory))
    expect(error.kind).toBe('not-found')
    expect(error.notFoundIn).toEqual(['images', 'chat', 'speech'])
    expect(retry.kinds()).toEqual(['chat'])
  })

  it('asks only the given kind when the kind is known, and says which was asked', async () => {
    const stub = stubFetch({ images: 200, chat: 404, speech: 200 })
    const error = await failureOf(search(strategy, new Set(), ['chat']))
    expect(error.kind).toBe('not-found')
    expect(error.notFoundIn).toEqual(['chat'])
    expect(error.jobKind).toBe('chat')
    expect(stub.kinds()).toEqual(['chat'])
  })

  it('passes a known kind’s failure through with the endpoint it came from', async () => {
    stubFetch({ images: 404, chat: 404, speech: 500 })
    const error = await failureOf(search(strategy, new Set(), ['speech']))
    expect(error.kind).toBe('upstream')
    expect(error.jobKind).toBe('speech')
    expect(error.notFoundIn).toEqual([])
  })
})

describe('findJob: parallel', () => {
  it('asks all three endpoints at once', async () => {
    const stub = stubFetch({ images: 404, chat: 200, speech: 404 })
    await search('parallel')
    expect(stub.kinds()).toEqual(['images', 'chat', 'speech'])
  })

  it('answers as soon as the first kind in order has a job, without waiting for slower endpoints', async () => {
    vi.useFakeTimers()
    stubFetch({ images: 200, chat: 404, speech: 404 }, { chat: 5_000, speech: 5_000 })
    let settled = false
    const found = search('parallel').then((result) => {
      settled = true
      return result
    })
    await vi.advanceTimersByTimeAsync(10)
    expect(settled).toBe(true)
    expect((await found).job.kind).toBe('images')
    await vi.advanceTimersByTimeAsync(5_000)
  })

  it('waits for an earlier kind before showing a later one: images before chat', async () => {
    vi.useFakeTimers()
    stubFetch({ images: 404, chat: 200, speech: 404 }, { images: 300 })
    let settled = false
    const found = search('parallel').then((result) => {
      settled = true
      return result
    })
    await vi.advanceTimersByTimeAsync(100)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(300)
    expect((await found).job.kind).toBe('chat')
  })

  it('shows the first kind in order when two answer 200, and reports the other', async () => {
    stubFetch({ images: 404, chat: 200, speech: 200 })
    const found = await search('parallel')
    expect(found.job.kind).toBe('chat')
    const others = [...found.alsoFoundIn, ...(await found.laterAlsoFoundIn)]
    expect(others).toEqual(['speech'])
  })

  it('reports a second 200 that arrives after the answer', async () => {
    vi.useFakeTimers()
    stubFetch({ images: 200, chat: 404, speech: 200 }, { speech: 500 })
    const found = await search('parallel')
    expect(found.job.kind).toBe('images')
    expect(found.alsoFoundIn).toEqual([])
    const later = found.laterAlsoFoundIn
    await vi.advanceTimersByTimeAsync(500)
    expect(await later).toEqual(['speech'])
  })

  it('stops every request when the caller aborts', async () => {
    vi.useFakeTimers()
    stubFetch(
      { images: 200, chat: 200, speech: 200 },
      { images: 1_000, chat: 1_000, speech: 1_000 },
    )
    const controller = new AbortController()
    const pending = findJob(ID, JOB_KINDS, {
      kinds: BUILT_IN_KINDS,
      apiBase: '/api',
      strategy: 'parallel',
      notFoundIn: new Set(),
      signal: controller.signal,
    })
    const outcome = pending.then(
      () => 'resolved',
      (error: unknown) => (error instanceof DOMException ? error.name : 'other'),
    )
    controller.abort()
    await vi.advanceTimersByTimeAsync(10)
    expect(await outcome).toBe('AbortError')
  })
})

describe('findJob: sequential', () => {
  it.each<[string, Record<BuiltInKind, Answer>, BuiltInKind[]]>([
    ['an image job costs one request', { images: 200, chat: 200, speech: 200 }, ['images']],
    ['a chat job costs two', { images: 404, chat: 200, speech: 404 }, ['images', 'chat']],
    [
      'a speech job costs three',
      { images: 404, chat: 404, speech: 200 },
      ['images', 'chat', 'speech'],
    ],
    [
      'a failure does not stop the search',
      { images: 500, chat: 200, speech: 404 },
      ['images', 'chat'],
    ],
  ])(
    'asks in order images, chat, speech, stopping at the first job: %s',
    async (_, answers, asked) => {
      const stub = stubFetch(answers)
      await search('sequential').catch(() => undefined)
      expect(stub.kinds()).toEqual(asked)
    },
  )

  it('goes through the request limiter, one endpoint at a time', async () => {
    const limiter = createRequestLimiter(1)
    const acquire = vi.spyOn(limiter, 'acquire')
    stubFetch({ images: 404, chat: 404, speech: 200 })
    const found = await findJob(ID, JOB_KINDS, {
      kinds: BUILT_IN_KINDS,
      apiBase: '/api',
      strategy: 'sequential',
      notFoundIn: new Set(),
      limiter,
    })
    expect(found.job.kind).toBe('speech')
    expect(acquire).toHaveBeenCalledTimes(3)
    expect(limiter.inFlight).toBe(0)
  })
})

describe('findJob: parsing per kind', () => {
  beforeEach(() => {
    stubFetch({ images: 404, chat: 200, speech: 404 })
  })

  it('parses the answer with its own kind’s schema (a chat body without id takes the id asked for)', async () => {
    const found = await search('parallel')
    expect(found.job).toMatchObject({ kind: 'chat', id: ID, status: 'COMPLETED' })
    expect(found.raw).toEqual(bodies.chat)
  })
})
