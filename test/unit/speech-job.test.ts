import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/api/api-error.ts'
import { parseSpeechJob } from '../../src/kinds/speech/speech-job.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const CREATED_S = 1747465224
const CREATED_MS = Date.parse('2025-05-17T07:00:24.000Z')

function parse(body: unknown) {
  return parseSpeechJob(body, JSON.stringify(body))
}

function rejectionOf(body: unknown, rawText: string): ApiError {
  try {
    parseSpeechJob(body, rawText)
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error(`expected ${rawText} to be rejected`)
}

function completed(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: ID, status: 'COMPLETED', created: CREATED_S, ...extra }
}

const urlOf = (raw: unknown) => parse(completed({ results: [{ url: raw }] })).results[0]?.url

describe('parseSpeechJob: the documented shape', () => {
  it('maps id, status, both times, model and each result url', () => {
    const job = parse({
      id: ID,
      status: 'COMPLETED',
      created: CREATED_S,
      finished: CREATED_S + 2,
      model: 'Chatterbox',
      results: [{ url: 'https://cdn.example.com/a.wav' }, { url: 'https://cdn.example.com/b.wav' }],
    })
    expect(job).toEqual({
      kind: 'speech',
      id: ID,
      status: 'COMPLETED',
      created: { kind: 'valid', date: new Date(CREATED_MS) },
      finished: { kind: 'valid', date: new Date(CREATED_MS + 2_000) },
      model: 'Chatterbox',
      results: [
        {
          url: {
            safe: true,
            href: 'https://cdn.example.com/a.wav',
            raw: 'https://cdn.example.com/a.wav',
          },
        },
        {
          url: {
            safe: true,
            href: 'https://cdn.example.com/b.wav',
            raw: 'https://cdn.example.com/b.wav',
          },
        },
      ],
    })
  })
})

describe('parseSpeechJob: time formats', () => {
  it.each([
    ['epoch seconds', CREATED_S, CREATED_MS],
    ['epoch milliseconds', CREATED_MS + 27, CREATED_MS + 27],
    ['an ISO string', '2025-05-17T07:00:24.027Z', CREATED_MS + 27],
    ['a numeric string of seconds', String(CREATED_S), CREATED_MS],
  ])('reads created given as %s', (_, created, expectedMs) => {
    expect(parse(completed({ created })).created).toEqual({
      kind: 'valid',
      date: new Date(expectedMs),
    })
  })

  it.each([
    ['null', { finished: null }],
    ['absent (documented as optional)', {}],
  ])('reads finished %s as absent', (_, extra) => {
    expect(parse(completed(extra)).finished).toEqual({ kind: 'absent' })
  })

  it('keeps an unreadable time as invalid with its raw text', () => {
    expect(parse(completed({ finished: 'later' })).finished).toEqual({
      kind: 'invalid',
      raw: 'later',
    })
  })
})

describe('parseSpeechJob: drifted bodies', () => {
  it('reads a pending job with only id and status', () => {
    expect(parse({ id: ID, status: 'QUEUED' })).toEqual({
      kind: 'speech',
      id: ID,
      status: 'QUEUED',
      created: { kind: 'absent' },
      finished: { kind: 'absent' },
      model: null,
      results: [],
    })
  })

  it.each([
    ['null', { results: null }],
    ['absent', {}],
    ['empty', { results: [] }],
  ])('reads results that are %s as none', (_, extra) => {
    expect(parse(completed(extra)).results).toEqual([])
  })

  it('ignores unknown fields at the top level and inside results', () => {
    const job = parse(
      completed({
        voice: 'alloy',
        usage: { characters: 120 },
        results: [{ url: 'https://cdn.example.com/a.wav', duration: 2.5, format: 'wav' }],
      }),
    )
    expect(Object.keys(job).sort()).toEqual(
      ['created', 'finished', 'id', 'kind', 'model', 'results', 'status'].sort(),
    )
    expect(Object.keys(job.results[0] ?? {})).toEqual(['url'])
  })

  it.each(['CANCELLED_BY_OPERATOR', 'completed', ''])(
    'keeps the status %j exactly as sent',
    (status) => {
      expect(parse(completed({ status })).status).toBe(status)
    },
  )

  it.each([
    ['missing', {}],
    ['null', { url: null }],
    ['blank', { url: '  ' }],
  ])('marks a result whose url is %s as unsafe, saying there is no URL', (_, result) => {
    const url = parse(completed({ results: [result] })).results[0]?.url
    expect(url?.safe).toBe(false)
    expect(url && !url.safe ? url.reason : '').toMatch(/no URL/i)
  })
})

describe('parseSpeechJob: hostile URLs never become playable', () => {
  it.each([
    ['javascript:', 'javascript:alert(1)', /javascript:/],
    ['javascript: in capitals', 'JAVASCRIPT:alert(1)', /javascript:/],
    ['javascript: split by a tab', 'java\tscript:alert(1)', /javascript:/],
    ['data: audio', 'data:audio/wav;base64,UklGRg==', /data:/],
    ['data: html', 'data:text/html,<script>alert(1)</script>', /data:/],
    ['blob:', 'blob:https://example.com/1', /blob:/],
    ['file:', 'file:///etc/passwd', /file:/],
    ['relative', '/audio/1.wav', /absolute/],
    ['protocol-relative', '//cdn.example.com/a.wav', /absolute/],
    ['malformed http', 'http://', /absolute/],
  ])('marks a %s url unsafe with a reason, keeping the raw text', (_, raw, reason) => {
    const url = urlOf(raw)
    expect(url).toMatchObject({ safe: false, raw })
    expect(url && !url.safe ? url.reason : '').toMatch(reason)
  })

  it('normalises a safe url (case, whitespace)', () => {
    expect(urlOf('  HTTPS://CDN.EXAMPLE.COM/a.wav ')).toEqual({
      safe: true,
      href: 'https://cdn.example.com/a.wav',
      raw: '  HTTPS://CDN.EXAMPLE.COM/a.wav ',
    })
  })

  it('only ever marks a url safe when its href is http(s)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc
            .constantFrom('javascript:', 'data:', 'vbscript:')
            .chain((scheme) => fc.string().map((rest) => `${scheme}${rest}`)),
        ),
        (raw) => {
          const url = urlOf(raw)
          if (url?.safe) expect(url.href).toMatch(/^https?:\/\/[^/]/)
        },
      ),
    )
  })
})

describe('parseSpeechJob: bodies it cannot work with', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'COMPLETED'],
    ['a number', 42],
    ['an empty object', {}],
    ['a missing id (required for speech)', { status: 'COMPLETED' }],
    ['a null id', { id: null, status: 'COMPLETED' }],
    ['a numeric id', { id: 42, status: 'COMPLETED' }],
    ['a missing status', { id: ID }],
    ['results that are an object', completed({ results: { url: 'https://a/b.wav' } })],
    ['a result that is a bare string', completed({ results: ['https://a/b.wav'] })],
    ['a result that is null', completed({ results: [null] })],
    ['a numeric url', completed({ results: [{ url: 5 }] })],
    ['a url that is an object', completed({ results: [{ url: { href: 'https://a' } }] })],
    ['a numeric model', completed({ model: 1 })],
    ['created that is a list', completed({ created: [1] })],
  ])('rejects %s as a bad-response ApiError that keeps the raw body', (_, body) => {
    const rawText = JSON.stringify(body)
    const error = rejectionOf(body, rawText)
    expect(error.kind).toBe('bad-response')
    expect(error.rawBody).toBe(rawText)
    expect(error.message).toMatch(/expected shape/)
  })

  it('names the offending field in the message', () => {
    const body = completed({ results: [{ url: 5 }] })
    expect(rejectionOf(body, JSON.stringify(body)).message).toContain('results.0.url')
  })
})

describe('parseSpeechJob: properties', () => {
  it('turns any JSON value into a speech job or a bad-response ApiError, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const rawText = JSON.stringify(value)
        try {
          const job = parseSpeechJob(value, rawText)
          expect(job.kind).toBe('speech')
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

  it('reads job-shaped bodies whose other fields are arbitrary JSON as a job or bad-response', () => {
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
                fc.oneof(
                  fc.record({ url: fc.oneof(fc.webUrl(), anyField) }, { requiredKeys: [] }),
                  anyField,
                ),
              ),
            ),
          },
          { requiredKeys: ['id', 'status'] },
        ),
        (body) => {
          const rawText = JSON.stringify(body)
          try {
            const job = parseSpeechJob(body, rawText)
            for (const { url } of job.results) {
              if (url.safe) expect(url.href).toMatch(/^https?:\/\//)
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ApiError)
            expect((error as ApiError).kind).toBe('bad-response')
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('always parses a well-typed body with arbitrary extra fields, ignoring the extras', () => {
    const documented = ['id', 'status', 'created', 'finished', 'model', 'results', '__proto__']
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((key) => !documented.includes(key)),
          fc.jsonValue(),
        ),
        fc.array(fc.webUrl(), { maxLength: 3 }),
        (extra, urls) => {
          const body = {
            ...extra,
            id: ID,
            status: 'COMPLETED',
            results: urls.map((url) => ({ url })),
          }
          const job = parseSpeechJob(body, JSON.stringify(body))
          expect(job.results.map((result) => result.url.raw)).toEqual(urls)
        },
      ),
      { numRuns: 300 },
    )
  })
})
