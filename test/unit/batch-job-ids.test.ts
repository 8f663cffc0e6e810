// analyseJobIdText: what the batch box makes of whatever support staff paste into it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyseJobIdText, isJobId } from '../../src/lib/job-id.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const C = '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
const D = 'c0ffee00-1234-4abc-bdef-0123456789ab'
const E = 'deadbeef-0000-4000-8000-000000000001'
const F = '01234567-89ab-4cde-9f01-23456789abcd'
/** Version digit 1 (time-based): UUID-shaped, but not a job id. */
const V1 = '3f2b8c1e-7a4d-11ef-9b1a-2c5d8e0f4a71'
/** Variant digit c: not RFC 4122. */
const BAD_VARIANT = 'a9c41d27-5e8b-4f30-cd6c-1b7e2f9a0c53'
/** The last group lost six digits when the line was cut. */
const TRUNCATED = A.slice(0, 30)
/** One hex digit too many at the end. */
const EXTRA_DIGIT = `${B}f`

/** A deterministic, valid v4 id for index n (the ids differ in their first and last groups). */
function nthId(n: number): string {
  const hex = n.toString(16)
  return `${hex.padStart(8, '0')}-1a2b-4c3d-8e4f-${hex.padStart(12, '0')}`
}

const THOUSAND_IDS = Array.from({ length: 1_000 }, (_, index) => nthId(index))

const LOG_SNIPPET = [
  `2025-05-17T07:00:24.118Z INFO  api request_id=7f3e91 job_id=${A} status=QUEUED model="Flux.1 [dev]"`,
  `2025-05-17T07:00:25.402Z WARN  worker retrying job_id=${B.toUpperCase()} attempt=2 after=1.5s`,
  `2025-05-17T07:00:26.993Z ERROR worker giving up job_id=${V1} reason="bad version"`,
  `2025-05-17T07:00:27.010Z INFO  api job_id=${A} status=PROCESSING`,
  `2025-05-17T07:00:31.774Z INFO  api job_id=${TRUNCATED}`,
  `2025-05-17T07:01:05.000Z INFO  api job_id=${C} status=COMPLETED duration_ms=41000`,
].join('\n')

const CSV_EXPORT = [
  '"id","status","created"',
  `"${A}","COMPLETED","2025-05-17 07:00:00"`,
  `"${B}","ERROR","2025-05-17 07:02:00"`,
  `"${BAD_VARIANT}","QUEUED","2025-05-17 07:03:00"`,
  '',
].join('\r\n')

const JSON_ARRAY = JSON.stringify(
  [
    { id: A, status: 'COMPLETED', results: [{ url: `https://cdn.example/${C}.png` }] },
    { id: B.toUpperCase(), status: 'QUEUED', parent: null },
    { id: EXTRA_DIGIT, status: 'ERROR' },
  ],
  null,
  2,
)

const URLS = [
  `https://jobscope.example/jobs/${A}?tab=raw#results`,
  `https://api.example/async/images/result?id=${B}&trace=${D}#${C}`,
  `https://jobscope.example/batch?ids=${E},${F}&sort=status`,
].join('\n')

interface Case {
  readonly text: string
  readonly ids: readonly string[]
  readonly rejected: readonly string[]
}

describe('analyseJobIdText: messy pasted input', () => {
  it.each<[string, Case]>([
    ['an empty string', { text: '', ids: [], rejected: [] }],
    ['only whitespace', { text: ' \r\n\t \n', ids: [], rejected: [] }],
    ['prose without any id', { text: 'the job from yesterday failed', ids: [], rejected: [] }],
    [
      'a log snippet with timestamps and job_id= fields',
      { text: LOG_SNIPPET, ids: [A, B, C], rejected: [V1, TRUNCATED] },
    ],
    [
      'a CSV export with quoted ids and CRLF line ends',
      { text: CSV_EXPORT, ids: [A, B], rejected: [BAD_VARIANT] },
    ],
    [
      'a JSON array of objects, an id inside a nested URL',
      { text: JSON_ARRAY, ids: [A, C, B], rejected: [EXTRA_DIGIT] },
    ],
    [
      'URLs with query strings and fragments',
      { text: URLS, ids: [A, B, D, C, E, F], rejected: [] },
    ],
    [
      'a percent-encoded URL inside a query string (an SSO redirect)',
      {
        text: `https://sso.example/login?next=%2Fjobs%2F${A}%3Ftab%3Draw&lang=en`,
        ids: [A],
        rejected: [],
      },
    ],
    ['Windows line endings', { text: `${A}\r\n${B}\r\n${C}\r\n`, ids: [A, B, C], rejected: [] }],
    [
      'tabs (a column pasted from a spreadsheet)',
      { text: `${A}\t${B}\t\t${C}`, ids: [A, B, C], rejected: [] },
    ],
    [
      'ids wrapped in quotes, brackets, braces and parentheses',
      {
        text: `'${A}' "${B}" [${C}] (${D}) {${E}} <${F}>`,
        ids: [A, B, C, D, E, F],
        rejected: [],
      },
    ],
    [
      'the same id in upper and lower case',
      { text: `${A.toUpperCase()}, ${A}, ${A}`, ids: [A], rejected: [] },
    ],
    [
      'a mixed-case id among others, in order of first appearance',
      { text: `${B} ${A} 3F2B8C1E-7a4d-4E6F-9b1a-2C5D8E0F4A71 ${C}`, ids: [B, A, C], rejected: [] },
    ],
    ['a v1 uuid', { text: V1, ids: [], rejected: [V1] }],
    [
      'an uppercase v1 uuid, rejected as written',
      { text: V1.toUpperCase(), ids: [], rejected: [V1.toUpperCase()] },
    ],
    ['a uuid with a bad variant digit', { text: BAD_VARIANT, ids: [], rejected: [BAD_VARIANT] }],
    ['a truncated id', { text: `${TRUNCATED} ${A}`, ids: [A], rejected: [TRUNCATED] }],
    [
      'an id with an extra hex digit',
      { text: `${EXTRA_DIGIT}, ${A}`, ids: [A], rejected: [EXTRA_DIGIT] },
    ],
    ['the same rejected token twice', { text: `${V1}\n${V1}`, ids: [], rejected: [V1] }],
    [
      'a token with letters glued to it, shown exactly as pasted (issue 17)',
      {
        text: `job_id=zz${C.slice(2)} and ${A.slice(0, 30)}xyz, then %2Fqq${C.slice(2)}`,
        ids: [],
        rejected: [`zz${C.slice(2)}`, `${A.slice(0, 30)}xyz`, `qq${C.slice(2)}`],
      },
    ],
    [
      'glued letters never join a token to its neighbours across a separator',
      {
        text: `${V1}-0.png;zz${C.slice(2)}.log`,
        ids: [],
        rejected: [`${V1}-0`, `zz${C.slice(2)}`],
      },
    ],
    [
      'a 20-character id-like token is rejected, a 19-character one is not',
      {
        text: '3f2b8c1e-7a4d-4e6f-9 and 3f2b8c1e-7a4d-4e6f9',
        ids: [],
        rejected: ['3f2b8c1e-7a4d-4e6f-9'],
      },
    ],
    [
      'hex that is not id-like: dates, short hashes, a git sha without dashes',
      {
        text: '2025-05-17 deploy 9fceb02 (a94a8fe5ccb19ba61c4c0873d391e987982fbbd3) build 1a2b-3c4d-5e6f',
        ids: [],
        rejected: [],
      },
    ],
    ['1,000 ids, one per line', { text: THOUSAND_IDS.join('\n'), ids: THOUSAND_IDS, rejected: [] }],
  ])('%s', (_, { text, ids, rejected }) => {
    const analysis = analyseJobIdText(text)
    expect(analysis.ids).toEqual(ids)
    expect(analysis.rejected).toEqual(rejected)
    // A batch link carries them comma-joined and reads them back the same way.
    expect(analyseJobIdText(rejected.join(',')).rejected).toEqual(rejected)
  })

  it('the 1,000 generated ids are all distinct valid ids (so the case above tests what it says)', () => {
    expect(new Set(THOUSAND_IDS).size).toBe(1_000)
    expect(THOUSAND_IDS.every(isJobId)).toBe(true)
  })
})

describe('analyseJobIdText: any list of v4 ids, joined by any separators', () => {
  const SEPARATORS = [',', ' ', '\n', '; ', '\t', ' | '] as const
  /** A v4 uuid, sometimes in upper case, as people paste them from other tools. */
  const pastedId = fc
    .tuple(fc.uuid({ version: 4 }), fc.boolean())
    .map(([id, upper]) => (upper ? id.toUpperCase() : id))

  it('finds exactly the deduplicated, lowercased list, in order, and rejects nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pastedId, fc.constantFrom(...SEPARATORS)), { maxLength: 40 }),
        (pairs) => {
          const text = pairs.map(([id, separator]) => `${id}${separator}`).join('')
          const expected = [...new Set(pairs.map(([id]) => id.toLowerCase()))]

          const analysis = analyseJobIdText(text)

          expect(analysis.ids).toEqual(expected)
          expect(analysis.rejected).toEqual([])
        },
      ),
    )
  })

  it('finds each id once even when the list repeats itself', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid({ version: 4 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...SEPARATORS),
        (ids, separator) => {
          const text = [...ids, ...ids.map((id) => id.toUpperCase())].join(separator)
          expect(analyseJobIdText(text).ids).toEqual(ids)
        },
      ),
    )
  })
})
