import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/api/api-error.ts'
import { parseImageJob } from '../../src/kinds/images/image-job.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const CREATED_ISO = '2025-05-17T07:00:24.027Z'
const CREATED_MS = Date.parse(CREATED_ISO)

/** Parses a body the way the fetcher does: the JSON value plus the text it came from. */
function parse(body: unknown) {
  return parseImageJob(body, JSON.stringify(body))
}

/** The ApiError a body is rejected with; fails the test when it parses or throws something else. */
function rejectionOf(body: unknown, rawText: string): ApiError {
  try {
    parseImageJob(body, rawText)
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error(`expected ${rawText} to be rejected`)
}

function pending(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: ID, status: 'PROCESSING', created: CREATED_ISO, ...extra }
}

describe('parseImageJob: the documented example', () => {
  it('keeps id, status, model and both times, and maps the result fields', () => {
    const job = parse({
      id: 'text',
      status: 'CREATED',
      created: CREATED_ISO,
      finished: CREATED_ISO,
      model: 'text',
      results: [{ url: 'text', revised_prompt: 'text' }],
    })
    expect(job.id).toBe('text')
    expect(job.status).toBe('CREATED')
    expect(job.model).toBe('text')
    expect(job.created).toEqual({ kind: 'valid', date: new Date(CREATED_MS) })
    expect(job.finished).toEqual({ kind: 'valid', date: new Date(CREATED_MS) })
    expect(job.results).toHaveLength(1)
    // "text" is not an absolute URL: it must never become a link.
    expect(job.results[0]?.url.safe).toBe(false)
    expect(job.results[0]?.revisedPrompt).toBe('text')
  })

  it('maps a COMPLETED job with several results in order', () => {
    const job = parse({
      id: ID,
      status: 'COMPLETED',
      created: CREATED_ISO,
      finished: '2025-05-17T07:00:31.000Z',
      model: 'Flux.1 [dev]',
      results: [
        { url: 'https://cdn.example.com/a.png', revised_prompt: 'a valley' },
        { url: 'https://cdn.example.com/b.png', revised_prompt: 'a city' },
      ],
    })
    expect(job.status).toBe('COMPLETED')
    expect(job.results).toEqual([
      {
        url: {
          safe: true,
          href: 'https://cdn.example.com/a.png',
          raw: 'https://cdn.example.com/a.png',
        },
        revisedPrompt: 'a valley',
      },
      {
        url: {
          safe: true,
          href: 'https://cdn.example.com/b.png',
          raw: 'https://cdn.example.com/b.png',
        },
        revisedPrompt: 'a city',
      },
    ])
  })
})

describe('parseImageJob: time formats the docs leave open', () => {
  it.each([
    ['an ISO string', CREATED_ISO, CREATED_MS],
    ['epoch seconds', 1747465224, 1747465224000],
    ['epoch milliseconds', 1747465224027, 1747465224027],
    ['a numeric string of seconds', '1747465224', 1747465224000],
    ['a numeric string of milliseconds', '1747465224027', 1747465224027],
  ])('reads created given as %s', (_, created, expectedMs) => {
    expect(parse(pending({ created })).created).toEqual({
      kind: 'valid',
      date: new Date(expectedMs),
    })
  })

  it.each([
    ['null', { finished: null }],
    ['absent', {}],
  ])('reads finished %s as absent', (_, extra) => {
    expect(parse(pending(extra)).finished).toEqual({ kind: 'absent' })
  })

  it('keeps an unreadable time as invalid with its raw text instead of rejecting the job', () => {
    expect(parse(pending({ created: 'yesterday' })).created).toEqual({
      kind: 'invalid',
      raw: 'yesterday',
    })
  })
})

describe('parseImageJob: optional and drifting fields', () => {
  it.each([
    ['null', { results: null }],
    ['absent', {}],
    ['an empty array', { results: [] }],
  ])('reads results given as %s as no results', (_, extra) => {
    expect(parse(pending(extra)).results).toEqual([])
  })

  it.each([
    ['missing', { url: 'https://cdn.example.com/a.png' }],
    ['null', { url: 'https://cdn.example.com/a.png', revised_prompt: null }],
  ])('reads a revised_prompt that is %s as null', (_, result) => {
    expect(parse(pending({ results: [result] })).results[0]?.revisedPrompt).toBeNull()
  })

  it.each([
    ['null', { model: null }],
    ['absent', {}],
  ])('reads a model that is %s as null', (_, extra) => {
    expect(parse(pending(extra)).model).toBeNull()
  })

  it('ignores unknown fields at the top level and inside results', () => {
    const job = parse(
      pending({
        priority: 3,
        usage: { total_tokens: 5 },
        results: [{ url: 'https://cdn.example.com/a.png', seed: 42, nsfw: false }],
      }),
    )
    expect(Object.keys(job).sort()).toEqual(
      ['created', 'finished', 'id', 'kind', 'model', 'results', 'status'].sort(),
    )
    expect(Object.keys(job.results[0] ?? {}).sort()).toEqual(['revisedPrompt', 'url'])
  })

  it.each(['CANCELLED_BY_OPERATOR', 'completed', ''])(
    'keeps the status %j exactly as sent',
    (status) => {
      expect(parse(pending({ status })).status).toBe(status)
    },
  )

  it.each([
    ['missing', {}],
    ['null', { url: null }],
    ['blank', { url: '   ' }],
  ])('marks a result whose url is %s as unsafe, with a reason', (_, result) => {
    const url = parse(pending({ results: [result] })).results[0]?.url
    expect(url?.safe).toBe(false)
    expect(url && !url.safe ? url.reason : '').toMatch(/no URL/i)
  })
})

describe('parseImageJob: hostile content stays inert', () => {
  it('keeps a revised_prompt with markup as the same plain string', () => {
    const prompt = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const result = parse(pending({ results: [{ url: null, revised_prompt: prompt }] })).results[0]
    expect(result?.revisedPrompt).toBe(prompt)
  })

  it.each([
    ['javascript:', 'javascript:alert(1)', /javascript:/],
    ['javascript: hidden by a newline', 'java\nscript:alert(1)', /javascript:/],
    ['data:', 'data:text/html,<script>alert(1)</script>', /data:/],
    ['file:', 'file:///etc/passwd', /file:/],
    ['relative', '/x.png', /absolute/],
    ['malformed http', 'http://', /absolute/],
  ])('never marks a %s url as safe, and says why', (_, raw, reason) => {
    const url = parse(pending({ results: [{ url: raw }] })).results[0]?.url
    expect(url).toMatchObject({ safe: false, raw })
    expect(url && !url.safe ? url.reason : '').toMatch(reason)
  })

  it.each([
    ['an uppercase scheme and host', 'HTTP://EXAMPLE.COM/a.png', 'http://example.com/a.png'],
    [
      'surrounding whitespace',
      '  https://cdn.example.com/a.png  ',
      'https://cdn.example.com/a.png',
    ],
    ['plain http', 'http://cdn.example.com/a.png?sig=1', 'http://cdn.example.com/a.png?sig=1'],
  ])('accepts an http(s) url with %s and normalises it', (_, raw, href) => {
    expect(parse(pending({ results: [{ url: raw }] })).results[0]?.url).toEqual({
      safe: true,
      href,
      raw,
    })
  })

  it('only ever marks an url safe when its normalised href is http(s)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('javascript:', 'data:')),
        (raw) => {
          const url = parse(pending({ results: [{ url: raw }] })).results[0]?.url
          if (url?.safe) expect(url.href).toMatch(/^https?:\/\/[^/]/)
        },
      ),
    )
  })
})

describe('parseImageJob: bodies it cannot work with', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'str'],
    ['a number', 42],
    ['an empty object', {}],
    ['a numeric id', { id: 1, status: 'X' }],
    ['a missing status', { id: 'x' }],
    ['a missing id', { status: 'QUEUED' }],
    ['a null status', { id: 'x', status: null }],
    ['results that is not an array', { id: 'x', status: 'QUEUED', results: { url: 'x' } }],
    ['a results item that is a string', { id: 'x', status: 'QUEUED', results: ['https://a/b'] }],
    ['a url that is a number', { id: 'x', status: 'QUEUED', results: [{ url: 5 }] }],
    ['created that is an object', { id: 'x', status: 'QUEUED', created: { t: 1 } }],
  ])('rejects %s as a bad-response ApiError that keeps the raw body', (_, body) => {
    const rawText = JSON.stringify(body)
    const error = rejectionOf(body, rawText)
    expect(error.kind).toBe('bad-response')
    expect(error.rawBody).toBe(rawText)
    expect(error.message).toMatch(/expected shape/)
  })

  it('names the offending field in the message', () => {
    expect(rejectionOf({ id: 'x' }, '{"id":"x"}').message).toContain('status')
  })

  it('truncates a huge raw body instead of keeping all of it', () => {
    const rawText = `"${'x'.repeat(50_000)}"`
    const error = rejectionOf('x'.repeat(50_000), rawText)
    expect(error.rawBody?.length).toBeLessThan(20_100)
    expect(error.rawBody?.startsWith(rawText.slice(0, 1_000))).toBe(true)
  })

  it('turns any JSON value into a job or a bad-response ApiError, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const rawText = JSON.stringify(value)
        try {
          const job = parseImageJob(value, rawText)
          expect(typeof job.id).toBe('string')
          expect(typeof job.status).toBe('string')
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError)
          expect((error as ApiError).kind).toBe('bad-response')
          expect((error as ApiError).rawBody).toBe(rawText)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('does the same for job-shaped bodies whose other fields are arbitrary JSON', () => {
    const anyField = fc.option(fc.jsonValue(), { nil: undefined })
    fc.assert(
      fc.property(
        fc.record(
          {
            id: fc.string(),
            status: fc.string(),
            created: anyField,
            finished: anyField,
            model: anyField,
            results: fc.oneof(
              anyField,
              fc.array(
                fc.record({ url: anyField, revised_prompt: anyField }, { requiredKeys: [] }),
              ),
            ),
          },
          { requiredKeys: ['id', 'status'] },
        ),
        (body) => {
          const rawText = JSON.stringify(body)
          try {
            parseImageJob(body, rawText)
          } catch (error) {
            expect(error).toBeInstanceOf(ApiError)
            expect((error as ApiError).kind).toBe('bad-response')
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
