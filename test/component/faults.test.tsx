// Fault injection against the job page: an MSW upstream that misbehaves on demand, on fake time so
// retries, Retry-After and the request timeout are exact. For each fault: no crash and no
// console.error (setup.ts fails the test on one), a clear message where one is due, the last good data
// kept, and recovery once the upstream behaves again. docs/fault-behaviour.md records the outcomes.
import { screen, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { REQUEST_TIMEOUT_MS } from '../../src/api/http.ts'
import { advanceTime, renderApp } from './render-app.tsx'
import { type ApiImageJob, JOB_ID, JOB_RESULT_URL, imageJob, server } from './support/server.ts'

// Microtasks and setImmediate stay real so fetch and MSW resolve; shouldAdvanceTime keeps findBy*
// working. Date is faked, so the times the upstream records are on the same clock as the timers.
beforeEach(() => {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
})

// ---------------------------------------------------------------------------------------------
// A fake upstream: answers in order (the last one repeats), every request recorded with its time.

interface Answer {
  /** What the answer is, as recorded per request. */
  readonly kind: string
  /** Undefined: never answer; the request ends only when the client aborts it. */
  readonly respond?: () => Response
}

interface ServedRequest {
  readonly kind: string
  /** Fake-clock time the request arrived. */
  readonly at: number
  /** Fake-clock time the client aborted it, for a request that was never answered. */
  abortedAt: number | undefined
}

const ok = (job: ApiImageJob): Answer => ({ kind: 'ok', respond: () => HttpResponse.json(job) })
const hang: Answer = { kind: 'hang' }
const connectionReset: Answer = { kind: 'reset', respond: () => HttpResponse.error() }

function gatewayPage(status: number): string {
  return `<!DOCTYPE html><html><head><title>${status} Gateway Problem</title></head><body><h1>${status} Gateway Problem</h1><hr>nginx</body></html>`
}

function htmlError(status: number, body = gatewayPage(status)): Answer {
  return { kind: `http-${status}`, respond: () => HttpResponse.html(body, { status }) }
}

function rateLimited(retryAfter?: string): Answer {
  return {
    kind: '429',
    respond: () =>
      HttpResponse.json(
        { message: 'Too many requests' },
        { status: 429, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } },
      ),
  }
}

/** A 200 with this exact body text. */
function raw200(kind: string, body: string, contentType = 'application/json'): Answer {
  return {
    kind,
    respond: () =>
      new HttpResponse(body, { status: 200, headers: { 'content-type': contentType } }),
  }
}

function fakeUpstream(...initial: Answer[]) {
  let queue = [...initial]
  const served: ServedRequest[] = []
  server.use(
    http.post(JOB_RESULT_URL, ({ request }) => {
      const answer = queue.length > 1 ? (queue.shift() as Answer) : queue[0]
      if (answer === undefined) throw new Error('fakeUpstream has no answer')
      const record: ServedRequest = { kind: answer.kind, at: Date.now(), abortedAt: undefined }
      served.push(record)
      if (answer.respond) return answer.respond()
      return new Promise<Response>((resolve) => {
        request.signal.addEventListener('abort', () => {
          record.abortedAt = Date.now()
          // The browser has given up on it; this answer goes nowhere.
          resolve(HttpResponse.error())
        })
      })
    }),
  )
  return {
    served,
    /** Answer with these from the next request on, in order; the last one repeats. */
    set(...answers: Answer[]) {
      queue = [...answers]
    },
    of: (kind: string) => served.filter((request) => request.kind === kind),
    /** Requests that neither got an answer nor were aborted: what would dangle. */
    get hanging() {
      return served.filter((request) => request.kind === 'hang' && request.abortedAt === undefined)
        .length
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The job page and what a test checks on it.

const MODEL = 'Flux.1 [dev]'
const FINISHED = '2025-05-17T07:01:05.000Z'
const processing = imageJob({ status: 'PROCESSING' })
const completed = (results: ApiImageJob['results'] = []) =>
  imageJob({ status: 'COMPLETED', finished: FINISHED, results })

function openJobPage() {
  return renderApp({ path: `/jobs/${JOB_ID}` })
}

/** Moves fake time on in steps until `condition` holds. */
async function advanceUntil(condition: () => boolean, what: string, maxMs = 120_000, stepMs = 250) {
  for (let waited = 0; waited <= maxMs; waited += stepMs) {
    if (condition()) return
    await advanceTime(stepMs, stepMs)
  }
  throw new Error(`${what} did not happen within ${maxMs} ms`)
}

const alertShown = () => screen.queryByRole('alert') !== null
const statusShown = (status: string) => () => screen.queryByText(status, { exact: true }) !== null

/** Serves PROCESSING, opens the page, then switches the upstream to `fault` and waits for the alert. */
async function faultAfterGoodData(...fault: Answer[]) {
  const upstream = fakeUpstream(ok(processing))
  const view = openJobPage()
  await screen.findByText('PROCESSING')
  upstream.set(...fault)
  await advanceUntil(alertShown, 'an alert')
  return { upstream, view, alert: screen.getByRole('alert') }
}

/** The badge, the facts and the note that they are old are all still on screen under the alert. */
function expectLastGoodDataKept() {
  expect(screen.getByText('PROCESSING', { exact: true })).toBeInTheDocument()
  expect(screen.getByText(MODEL)).toBeInTheDocument()
  expect(screen.getByRole('alert')).toHaveTextContent(
    'The details below are from the last successful answer.',
  )
}

/** The upstream recovers and the job has finished: the alert goes and COMPLETED shows. */
async function expectRecovery(upstream: ReturnType<typeof fakeUpstream>) {
  upstream.set(
    ok(completed([{ url: 'https://cdn.example.com/fox.png', revised_prompt: 'A red fox' }])),
  )
  await advanceUntil(statusShown('COMPLETED'), 'COMPLETED')
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  expect(screen.queryByText('PROCESSING', { exact: true })).not.toBeInTheDocument()
  expect(screen.getByRole('img', { name: 'A red fox' })).toBeInTheDocument()
}

/** The raw-response disclosure of the alert, and the text in it. */
function rawResponseText(alert: HTMLElement): string {
  const details = within(alert).getByText('Show the raw response').closest('details')
  return details?.querySelector('pre')?.textContent ?? ''
}

const gaps = (times: readonly number[]) =>
  times.slice(1).map((time, index) => time - (times[index] ?? Number.NaN))

// ---------------------------------------------------------------------------------------------

describe('server errors with HTML bodies', () => {
  it.each([500, 502, 503, 504])(
    'HTTP %i: "The API had a problem", retries 1 s → 2 s → 4 s, then checks every 10 s; data kept; recovers',
    async (status) => {
      const { upstream, alert } = await faultAfterGoodData(htmlError(status))
      expect(alert).toHaveTextContent('The API had a problem')
      expect(alert).toHaveTextContent(`(HTTP ${status})`)
      expect(alert).toHaveTextContent(/trying again now|retrying automatically/i)
      expectLastGoodDataKept()
      // The gateway's page is text for support, never markup in the app.
      expect(rawResponseText(alert)).toBe(gatewayPage(status))
      expect(
        screen.queryByRole('heading', { name: `${status} Gateway Problem` }),
      ).not.toBeInTheDocument()

      // The first attempt and MAX_RETRIES retries, then the page says it keeps checking.
      await advanceUntil(() => upstream.of(`http-${status}`).length === 4, 'three retries')
      await advanceUntil(
        () => /Jobscope is retrying automatically\./.test(screen.getByRole('alert').textContent),
        'the retries to be spent',
      )
      const failures = upstream.of(`http-${status}`).map((request) => request.at)
      const [first, second, third] = gaps(failures)
      expect(first).toBeGreaterThanOrEqual(1_000)
      expect(second).toBeGreaterThanOrEqual(2_000)
      expect(third).toBeGreaterThanOrEqual(4_000)
      expectLastGoodDataKept()

      await expectRecovery(upstream)
      const recovered = upstream.of('ok').at(-1)?.at ?? 0
      expect(recovered - (failures.at(-1) ?? 0)).toBeGreaterThanOrEqual(10_000)
      expect(recovered - (failures.at(-1) ?? 0)).toBeLessThan(11_000)
    },
  )

  it('a 500 with an empty body says so in the raw response', async () => {
    const { upstream, alert } = await faultAfterGoodData(htmlError(500, ''))
    expect(alert).toHaveTextContent('(HTTP 500)')
    expect(rawResponseText(alert)).toBe('(empty body)')
    expectLastGoodDataKept()
    await expectRecovery(upstream)
  })
})

describe('rate limiting', () => {
  it('429 with Retry-After: 3 that its retry fixes: a quiet "retrying" mark, no banner, and the retry waits 3 s', async () => {
    const upstream = fakeUpstream(ok(processing))
    openJobPage()
    await screen.findByText('PROCESSING')
    upstream.set(rateLimited('3'), ok(completed()))
    await advanceUntil(() => screen.queryByText(/retrying… \(rate-limited\)/) !== null, 'the mark')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByText('PROCESSING', { exact: true })).toBeInTheDocument()

    await advanceUntil(statusShown('COMPLETED'), 'COMPLETED')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    const limited = upstream.of('429')[0]?.at ?? 0
    const next = upstream.served.find((request) => request.at > limited)?.at ?? 0
    expect(next - limited).toBeGreaterThanOrEqual(3_000)
    expect(next - limited).toBeLessThan(3_500)
  })

  it('429 with Retry-After: 60 and data on screen: the banner comes once the data is 30 s old, saying how long', async () => {
    const upstream = fakeUpstream(ok(processing))
    openJobPage()
    await screen.findByText('PROCESSING')
    upstream.set(rateLimited('60'), ok(completed()))
    await advanceUntil(() => screen.queryByText(/retrying…/) !== null, 'the mark')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await advanceUntil(alertShown, 'the banner')
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('The API is rate-limiting requests')
    expect(alert).toHaveTextContent('It asked to wait 60 s.')
    expect(alert).toHaveTextContent('Too many requests')
    expectLastGoodDataKept()
    await advanceUntil(statusShown('COMPLETED'), 'COMPLETED')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('429 with Retry-After as an HTTP date waits until that date', async () => {
    const retryAt = new Date(Date.now() + 8_000).toUTCString()
    const upstream = fakeUpstream(ok(processing))
    openJobPage()
    await screen.findByText('PROCESSING')
    upstream.set(rateLimited(retryAt), ok(completed()))
    await advanceUntil(() => screen.queryByText(/retrying… \(rate-limited\)/) !== null, 'the mark')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    await advanceUntil(statusShown('COMPLETED'), 'COMPLETED')
    const next = upstream.of('ok').at(-1)?.at ?? 0
    expect(next).toBeGreaterThanOrEqual(Date.parse(retryAt))
  })

  it('429 without Retry-After — backs off 1 s → 2 s → 4 s, then waits 10 s; no wait is promised', async () => {
    const { upstream, alert } = await faultAfterGoodData(
      rateLimited(),
      rateLimited(),
      rateLimited(),
      rateLimited(),
      ok(completed()),
    )
    expect(alert).toHaveTextContent('The API is rate-limiting requests')
    expect(alert).not.toHaveTextContent('asked to wait')
    expectLastGoodDataKept()

    await advanceUntil(statusShown('COMPLETED'), 'COMPLETED')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    const times = [...upstream.of('429'), upstream.of('ok').at(-1)].map(
      (request) => request?.at ?? 0,
    )
    const [a, b, c, d] = gaps(times)
    expect(a).toBeGreaterThanOrEqual(1_000)
    expect(b).toBeGreaterThanOrEqual(2_000)
    expect(c).toBeGreaterThanOrEqual(4_000)
    expect(d).toBeGreaterThanOrEqual(10_000)
  })
})

describe('broken connections', () => {
  it('connection reset: "Could not reach the API", retried, data kept, recovers', async () => {
    const { upstream, alert } = await faultAfterGoodData(connectionReset)
    expect(alert).toHaveTextContent('Could not reach the API')
    expect(alert).toHaveTextContent('The request did not reach the server')
    expectLastGoodDataKept()
    await advanceUntil(() => upstream.of('reset').length >= 2, 'a retry')

    await expectRecovery(upstream)
  })

  it('hang past the request timeout: aborted at REQUEST_TIMEOUT_MS with "No answer within N s", nothing left dangling', async () => {
    // Node's AbortSignal.timeout runs on a timer fake time cannot move; this one uses the faked setTimeout.
    const timeout = vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
      const controller = new AbortController()
      setTimeout(
        () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
        ms,
      )
      return controller.signal
    })
    onTestFinished(() => timeout.mockRestore())

    const { upstream, alert } = await faultAfterGoodData(hang)
    expect(alert).toHaveTextContent('Could not reach the API')
    expect(alert).toHaveTextContent(`No answer within ${REQUEST_TIMEOUT_MS / 1000} s`)
    expectLastGoodDataKept()
    const [first] = upstream.of('hang')
    expect((first?.abortedAt ?? 0) - (first?.at ?? 0)).toBe(REQUEST_TIMEOUT_MS)

    // The next attempt hangs too and is aborted the same way; then the upstream recovers.
    await advanceUntil(() => upstream.of('hang').length === 2 && upstream.hanging === 0, 'retry')
    await expectRecovery(upstream)
    expect(upstream.hanging).toBe(0)
    for (const request of upstream.of('hang')) {
      expect((request.abortedAt ?? 0) - request.at).toBe(REQUEST_TIMEOUT_MS)
    }
  })

  it('leaving the page while a request hangs aborts it at once', async () => {
    const upstream = fakeUpstream(ok(processing))
    const view = openJobPage()
    await screen.findByText('PROCESSING')
    upstream.set(hang)
    await advanceUntil(() => upstream.hanging === 1, 'a hanging request')

    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
    expect(view.currentPath()).toBe('/')
    await advanceUntil(() => upstream.hanging === 0, 'the abort', 1_000, 50)
    const [request] = upstream.of('hang')
    expect((request?.abortedAt ?? Infinity) - (request?.at ?? 0)).toBeLessThan(1_000)
    await advanceTime(30_000, 1_000)
    expect(upstream.served).toHaveLength(upstream.of('ok').length + 1)
  })
})

describe('bad 200 answers', () => {
  it.each([
    [
      'invalid JSON',
      `{"id": "${JOB_ID}", "status": "PROCESSING", "results": [{"url": "htt`,
      /The response was not JSON \(HTTP 200\)/,
    ],
    [
      'the wrong shape',
      JSON.stringify({ job: { uuid: JOB_ID, state: 'done' } }),
      /does not have the expected shape: id: .+; status: /,
    ],
    ['an empty body', '', /The response was empty \(HTTP 200\)/],
  ])(
    '200 with %s: "Unexpected response", raw body shown, not retried, checked again after 10 s; data kept; recovers',
    async (_case, body, reason) => {
      const { upstream, alert } = await faultAfterGoodData(raw200('bad', body))
      expect(alert).toHaveTextContent('Unexpected response from the API')
      expect(alert).toHaveTextContent(reason)
      expect(rawResponseText(alert)).toBe(body === '' ? '(empty body)' : body)
      expectLastGoodDataKept()

      // Not retried: a malformed answer will not get better by asking again at once.
      await advanceTime(9_000, 500)
      expect(upstream.of('bad')).toHaveLength(1)
      await expectRecovery(upstream)
      const bad = upstream.of('bad')[0]?.at ?? 0
      expect((upstream.of('ok').at(-1)?.at ?? 0) - bad).toBeGreaterThanOrEqual(10_000)
    },
  )

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'COMPLETED'],
    ['a numeric id', { id: 42, status: 'COMPLETED' }],
    ['a null status', { id: JOB_ID, status: null }],
    ['results that are not a list', { id: JOB_ID, status: 'COMPLETED', results: 'none' }],
    ['a null result', { id: JOB_ID, status: 'COMPLETED', results: [null] }],
    ['a numeric url', { id: JOB_ID, status: 'COMPLETED', results: [{ url: 5 }] }],
    ['an object as a time', { id: JOB_ID, status: 'COMPLETED', created: { at: 1 } }],
  ])(
    'a first answer with %s is reported as unexpected, and nothing breaks',
    async (_case, json) => {
      fakeUpstream(raw200('bad', JSON.stringify(json)))
      openJobPage()

      const alert = await screen.findByRole('alert')
      expect(alert).toHaveTextContent('Unexpected response from the API')
      expect(alert).toHaveTextContent('does not have the expected shape')
      expect(screen.getByText('Status unknown')).toBeInTheDocument()
      expect(rawResponseText(alert)).toBe(JSON.stringify(json))
    },
  )
})

describe('10 MB answers', () => {
  const TEN_MB = 10 * 1024 * 1024

  it('a 10 MB job (one giant revised prompt) renders a short preview, and at most 20,000 characters when expanded', async () => {
    const prompt = 'a lighthouse on a cliff at dusk, waves, '.repeat(TEN_MB / 40)
    fakeUpstream(
      ok(completed([{ url: 'https://cdn.example.com/huge.png', revised_prompt: prompt }])),
    )
    const view = openJobPage()
    await screen.findByText('COMPLETED')

    const card = screen.getByRole('listitem')
    const paragraph = card.querySelector('p[dir="auto"]')
    expect(paragraph?.textContent.length).toBeLessThanOrEqual(1_000)
    expect(within(card).getByRole('img').getAttribute('alt')?.length).toBeLessThanOrEqual(301)

    await view.user.click(within(card).getByRole('button', { name: 'Show full prompt' }))
    expect(paragraph?.textContent).toBe(prompt.slice(0, 20_000))
    expect(card).toHaveTextContent(
      `… ${(prompt.length - 20_000).toLocaleString('en-US')} more characters not shown here; Copy JSON under “Raw response” copies all of it.`,
    )

    await view.user.click(within(card).getByRole('button', { name: /open image 1 of 1/i }))
    const dialog = await screen.findByRole('dialog')
    expect(dialog).toHaveTextContent('more characters not shown here')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('a 10 MB body that is not JSON: "not JSON", raw text cut to 20,000 characters; data kept; recovers', async () => {
    const page = `<html><body>${'<p>upstream trace line</p>\n'.repeat(TEN_MB / 27)}</body></html>`
    const { upstream, alert } = await faultAfterGoodData(raw200('bad', page, 'text/html'))
    expect(alert).toHaveTextContent('The response was not JSON (HTTP 200)')
    const raw = rawResponseText(alert)
    expect(raw).toBe(`${page.slice(0, 20_000)}\n… (${page.length - 20_000} more characters)`)
    expectLastGoodDataKept()
    await expectRecovery(upstream)
  })

  it('a 10 MB HTML 502: the raw page is cut to 20,000 characters too', async () => {
    const page = `<html><body>${'<p>bad gateway</p>\n'.repeat(TEN_MB / 19)}</body></html>`
    const { upstream, alert } = await faultAfterGoodData(htmlError(502, page))
    expect(alert).toHaveTextContent('(HTTP 502)')
    expect(rawResponseText(alert).length).toBeLessThan(20_100)
    expectLastGoodDataKept()
    await expectRecovery(upstream)
  })
})

describe('job states the API should not send', () => {
  it('COMPLETED flips back to PROCESSING: no polling after COMPLETED; Refresh shows PROCESSING and polling resumes', async () => {
    const upstream = fakeUpstream(ok(completed()))
    const view = openJobPage()
    await screen.findByText('COMPLETED')
    await advanceTime(60_000, 1_000)
    expect(upstream.served).toHaveLength(1)

    upstream.set(ok(processing))
    await view.user.click(screen.getByRole('button', { name: 'Refresh' }))
    await advanceUntil(statusShown('PROCESSING'), 'PROCESSING')
    expect(screen.getByText('not finished yet')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /pause auto-refresh/i })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    await advanceTime(5_000, 250)
    expect(upstream.served.length).toBeGreaterThanOrEqual(5)
  })

  it.each([
    ['CANCELLED_BY_OPERATOR', 'CANCELLED_BY_OPERATOR'],
    ['completed', 'completed'],
    ['<b>DONE</b>', '<b>DONE</b>'],
    ['', '(empty status)'],
    ['🦄 MAGIC', '🦄 MAGIC'],
    ['مكتمل', 'مكتمل'],
    [`LONG_${'X'.repeat(500)}`, `LONG_${'X'.repeat(500)}`],
  ])('an unknown status %j is shown as sent, explained, and polled on', async (status, shown) => {
    const upstream = fakeUpstream(ok(imageJob({ status })))
    openJobPage()

    const badge = await screen.findByText(shown, { exact: true })
    expect(badge.closest('[aria-live]')).toHaveTextContent(
      'A status this version does not know — shown as received.',
    )
    expect(document.querySelector('main b')).toBeNull()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await advanceTime(30_000, 500)
    expect(upstream.served.length).toBeGreaterThan(3)
  })
})

describe('results the page must survive', () => {
  it('1,000 results: every one in the gallery, lazily loaded, and the lightbox reaches the last', async () => {
    const results = Array.from({ length: 1_000 }, (_, index) => ({
      url: `https://cdn.example.com/${index}.png`,
      revised_prompt: `Result ${index + 1}: a red fox in fresh snow`,
    }))
    fakeUpstream(ok(completed(results)))
    const started = performance.now()
    const view = openJobPage()
    await screen.findByText('COMPLETED')
    const region = screen.getByRole('region', { name: /results/i })
    expect(within(region).getAllByRole('listitem')).toHaveLength(1_000)
    const renderMs = Math.round(performance.now() - started)
    console.log(`1,000 results rendered in jsdom in ${renderMs} ms`)
    expect(renderMs).toBeLessThan(10_000)

    const images = within(region).getAllByRole('img')
    expect(images).toHaveLength(1_000)
    // All but the first, which is fetched at once (it is the answer a person waits for).
    expect(images.slice(1).every((image) => image.getAttribute('loading') === 'lazy')).toBe(true)
    expect(screen.getByRole('heading', { name: 'Results (1000)' })).toBeInTheDocument()

    // Opening the viewer and moving in it leave the thousand cards alone: each card checks its
    // loaded image once (a decode), and before the cards were memoised every render of the gallery
    // did it again for all of them — a click held the page for over a second in Chromium.
    const decodes = countDecodesOf(images)
    await view.user.click(screen.getByRole('button', { name: 'Open image 1 of 1000 larger' }))
    const dialog = await screen.findByRole('dialog')
    await view.user.keyboard('{ArrowLeft}')
    expect(within(dialog).getByText('Image 1000 of 1000')).toBeInTheDocument()
    expect(within(dialog).getByRole('img')).toHaveAttribute(
      'src',
      'https://cdn.example.com/999.png',
    )
    expect(decodes.ofCards()).toBe(0)
    // Rendering a thousand cards in jsdom takes seconds on a busy 2-core machine.
  }, 30_000)

  const UNSAFE_URLS = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative.png',
    'relative.png',
    'http://',
    'ht!tp://x',
  ]

  it('unsafe result URLs are never an image source or a link: inert text with a warning, in the lightbox too', async () => {
    fakeUpstream(
      ok(
        completed([
          { url: 'https://cdn.example.com/safe.png', revised_prompt: 'The safe one' },
          ...UNSAFE_URLS.map((url, index) => ({ url, revised_prompt: `Unsafe ${index + 1}` })),
        ]),
      ),
    )
    const view = openJobPage()
    await screen.findByText('COMPLETED')

    const region = screen.getByRole('region', { name: /results/i })
    expect(within(region).getAllByText('Image not shown')).toHaveLength(UNSAFE_URLS.length)
    expect(within(region).getAllByRole('img')).toHaveLength(1)
    const codes = [...region.querySelectorAll('code')].map((code) => code.textContent)
    expect(codes).toEqual(UNSAFE_URLS)
    for (const element of document.querySelectorAll('[src], [href]')) {
      const value = element.getAttribute('src') ?? element.getAttribute('href') ?? ''
      expect(UNSAFE_URLS).not.toContain(value)
      expect(value).not.toMatch(/^\s*(java|vb)?script:|^data:/i)
    }

    await view.user.click(screen.getByRole('button', { name: 'Open image 1 of 11 larger' }))
    const dialog = await screen.findByRole('dialog')
    await view.user.keyboard('{ArrowRight}')
    expect(within(dialog).getByText('Image 2 of 11')).toBeInTheDocument()
    expect(dialog).toHaveTextContent('A javascript: URL is never opened or shown as an image')
    expect(within(dialog).queryByRole('img')).not.toBeInTheDocument()
    expect(within(dialog).queryByRole('link')).not.toBeInTheDocument()
  })

  it('revised prompts with markup, right-to-left text and emoji stay text, direction detected per prompt', async () => {
    const prompts = [
      '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold?</b>',
      'قطة سوداء تجلس على نافذة في ليلة ممطرة',
      'חתול שחור יושב על אדן החלון בלילה גשום',
      '🦊🌲❄️ a fox in snow 👨‍👩‍👧‍👦 🏳️‍🌈',
    ]
    fakeUpstream(
      ok(
        completed(
          prompts.map((prompt, index) => ({
            url: `https://cdn.example.com/${index}.png`,
            revised_prompt: prompt,
          })),
        ),
      ),
    )
    openJobPage()
    await screen.findByText('COMPLETED')

    const region = screen.getByRole('region', { name: /results/i })
    for (const prompt of prompts) {
      const paragraph = within(region).getByText(prompt, { exact: true, selector: 'p' })
      expect(paragraph).toHaveAttribute('dir', 'auto')
      expect(within(region).getByRole('img', { name: prompt })).toBeInTheDocument()
    }
    expect(region.querySelector('script, b, img[src="x"]')).toBeNull()
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('a 10,000-character prompt is clamped with a toggle, shown whole when asked, and never cut mid-emoji', async () => {
    const long = `Start. ${'lorem ipsum dolor sit amet '.repeat(400)}`.slice(0, 10_000)
    // 'a' first puts a surrogate pair across the 1,000-character preview boundary.
    const emoji = `a${'🦊'.repeat(600)}`
    fakeUpstream(
      ok(
        completed([
          { url: 'https://cdn.example.com/1.png', revised_prompt: long },
          { url: 'https://cdn.example.com/2.png', revised_prompt: emoji },
        ]),
      ),
    )
    const view = openJobPage()
    await screen.findByText('COMPLETED')

    const [longCard, emojiCard] = screen.getAllByRole('listitem')
    if (longCard === undefined || emojiCard === undefined) throw new Error('two cards expected')
    const paragraph = longCard.querySelector('p[dir="auto"]')
    expect(paragraph).toHaveClass('line-clamp-3')
    expect(long.startsWith(paragraph?.textContent ?? '-')).toBe(true)
    const preview = emojiCard.querySelector('p[dir="auto"]')?.textContent ?? ''
    expect(preview).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(emoji.startsWith(preview)).toBe(true)

    await view.user.click(within(longCard).getByRole('button', { name: 'Show full prompt' }))
    expect(paragraph).not.toHaveClass('line-clamp-3')
    expect(paragraph?.textContent).toBe(long)
    expect(longCard).not.toHaveTextContent('more characters not shown')
    await view.user.click(within(longCard).getByRole('button', { name: 'Show less' }))
    expect(paragraph).toHaveClass('line-clamp-3')
  })
})

/**
 * From now on, the gallery's images count as loaded (jsdom loads none) and their decodes are
 * counted; the viewer's own image is not one of `cards`.
 */
function countDecodesOf(cards: readonly HTMLElement[]) {
  const inGallery = new Set<EventTarget>(cards)
  let count = 0
  const decode = vi.fn(function (this: HTMLImageElement) {
    if (inGallery.has(this)) count++
    return Promise.resolve()
  })
  const proto = HTMLImageElement.prototype
  const original = {
    complete: Object.getOwnPropertyDescriptor(proto, 'complete'),
    decode: Object.getOwnPropertyDescriptor(proto, 'decode'),
  }
  Object.defineProperty(proto, 'complete', { configurable: true, get: () => true })
  Object.defineProperty(proto, 'decode', { configurable: true, value: decode })
  onTestFinished(() => {
    for (const [name, descriptor] of Object.entries(original)) {
      if (descriptor) Object.defineProperty(proto, name, descriptor)
      else Reflect.deleteProperty(proto, name)
    }
  })
  return { ofCards: () => count }
}
