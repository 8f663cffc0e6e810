// The batch table's model: which group a row is in, the status counts, sorting (paste order unless
// a column is chosen; Status puts problems first) and which rows are problems.
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'
import { describe, expect, it } from 'vitest'
import type { QueryLike } from '../../src/jobs/job-data.ts'
import {
  type BatchRow,
  type BatchSort,
  STUCK_AFTER_MS,
  type SortOrder,
  countGroups,
  nextSort,
  notFinalForMs,
  problemIds,
  rowProblem,
  sortRows,
  toBatchRow,
} from '../../src/features/batch/batch-rows.ts'
import {
  type ApiJobBody,
  watched,
  apiError,
  failedRow,
  jobRow,
  notFoundRow,
  parsedJob,
  queryState,
  waitingRow,
} from '../component/support/batch-fixtures.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'

function body(status: string, overrides: Partial<ApiJobBody> = {}): ApiJobBody {
  return { id: ID, status, created: '2025-05-17T07:00:00Z', model: 'Flux.1 [dev]', ...overrides }
}

describe('toBatchRow', () => {
  const upstream = apiError('upstream', 500)
  const notFound = apiError('not-found', 404)
  const unauthorized = apiError('unauthorized', 401)

  it.each<[string, QueryLike, { group: string; final: boolean; error: unknown; hasJob: boolean }]>([
    [
      'a COMPLETED job is final',
      queryState({ data: watched(parsedJob(body('COMPLETED'))) }),
      { group: 'COMPLETED', final: true, error: null, hasJob: true },
    ],
    [
      'an ERROR job is final',
      queryState({ data: watched(parsedJob(body('ERROR'))) }),
      { group: 'ERROR', final: true, error: null, hasJob: true },
    ],
    [
      'a PROCESSING job is not final',
      queryState({ data: watched(parsedJob(body('PROCESSING'))) }),
      { group: 'PROCESSING', final: false, error: null, hasJob: true },
    ],
    [
      'an unknown status word is its own group, not final',
      queryState({ data: watched(parsedJob(body('CANCELLED_BY_OPERATOR'))) }),
      { group: 'CANCELLED_BY_OPERATOR', final: false, error: null, hasJob: true },
    ],
    [
      'a failed poll keeps the job and its status, and the error',
      queryState({
        data: watched(parsedJob(body('PROCESSING'))),
        error: upstream,
        failureReason: upstream,
        failureCount: 4,
      }),
      { group: 'PROCESSING', final: false, error: upstream, hasJob: true },
    ],
    [
      'a 404 without data is "not found", final',
      queryState({ error: notFound, failureReason: notFound, failureCount: 1 }),
      { group: 'not found', final: true, error: notFound, hasJob: false },
    ],
    [
      'a refused key is "error", final (asking again cannot help)',
      queryState({ error: unauthorized, failureReason: unauthorized, failureCount: 1 }),
      { group: 'error', final: true, error: unauthorized, hasJob: false },
    ],
    [
      'an upstream failure with retries spent is "error", not final (polling continues)',
      queryState({ error: upstream, failureReason: upstream, failureCount: 4 }),
      { group: 'error', final: false, error: upstream, hasJob: false },
    ],
    [
      'an error that is not an ApiError is "error", not final',
      queryState({ error: new TypeError('boom'), failureCount: 1 }),
      { group: 'error', final: false, error: new TypeError('boom'), hasJob: false },
    ],
    [
      'no answer yet is "waiting", without an error',
      queryState(),
      { group: 'waiting', final: false, error: null, hasJob: false },
    ],
    [
      'a retry under way is "waiting", with the reason of the failed attempt',
      queryState({ failureReason: upstream, failureCount: 2 }),
      { group: 'waiting', final: false, error: upstream, hasJob: false },
    ],
    [
      'a stale failure reason with no failures counted is not an error',
      queryState({ failureReason: upstream, failureCount: 0 }),
      { group: 'waiting', final: false, error: null, hasJob: false },
    ],
  ])('%s', (_, query, expected) => {
    const row = toBatchRow(ID, query, BUILT_IN_KINDS)
    expect(row.id).toBe(ID)
    expect(row.group).toBe(expected.group)
    expect(row.final).toBe(expected.final)
    expect(row.error).toEqual(expected.error)
    expect(row.job === undefined).toBe(!expected.hasJob)
  })
})

/** Ids that sort by their first letter. */
const rowId = (letter: string) => `${letter.repeat(8)}-0000-4000-8000-000000000000`

describe('countGroups', () => {
  const rowOf = (group: string, index: number): BatchRow => {
    const id = `${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`
    if (group === 'not found') return notFoundRow(id)
    if (group === 'error') return failedRow(id, apiError('upstream', 500))
    if (group === 'waiting') return waitingRow(id)
    return jobRow(body(group, { id }))
  }
  const count = (groups: string[]) => countGroups(groups.map(rowOf))

  it('lists the known statuses in the order a job moves through them', () => {
    const lifecycle = [
      'CREATED',
      'QUEUED',
      'POSTPONED',
      'ASSIGNED_CONNECTIONS',
      'PROCESSING',
      'COMPLETED',
      'ERROR',
    ]
    const shuffled = ['ERROR', 'QUEUED', 'COMPLETED', 'CREATED', 'PROCESSING', 'POSTPONED']
    expect(count([...shuffled, 'ASSIGNED_CONNECTIONS']).map(({ group }) => group)).toEqual(
      lifecycle,
    )
  })

  it.each<[string, string[], Array<[string, number]>]>([
    ['no rows, no groups', [], []],
    [
      'counts each group',
      ['COMPLETED', 'COMPLETED', 'PROCESSING', 'COMPLETED'],
      [
        ['PROCESSING', 1],
        ['COMPLETED', 3],
      ],
    ],
    [
      'our own groups come after the API’s words: not found, error, waiting',
      ['waiting', 'error', 'not found', 'COMPLETED', 'waiting'],
      [
        ['COMPLETED', 1],
        ['not found', 1],
        ['error', 1],
        ['waiting', 2],
      ],
    ],
    [
      'unknown words come after the known statuses, alphabetically',
      ['ZOMBIE', 'ERROR', 'ARCHIVED', 'CREATED'],
      [
        ['CREATED', 1],
        ['ERROR', 1],
        ['ARCHIVED', 1],
        ['ZOMBIE', 1],
      ],
    ],
    [
      'unknown words come before not found, error and waiting',
      ['waiting', 'not found', 'ARCHIVED', 'error', 'QUEUED', 'not found'],
      [
        ['QUEUED', 1],
        ['ARCHIVED', 1],
        ['not found', 2],
        ['error', 1],
        ['waiting', 1],
      ],
    ],
  ])('%s', (_, groups, expected) => {
    expect(count(groups).map(({ group, count }) => [group, count])).toEqual(expected)
  })
})

describe('sortRows', () => {
  const T0 = Date.parse('2025-05-17T07:00:00Z')
  const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()
  const image = (n: number) => ({ url: `https://img.example/${n}.png`, revised_prompt: null })

  // r1…r6 have ids a…f. Values chosen so each key orders them differently, with ties (to see the
  // sort is stable) and rows without a value (to see they go last either way).
  const r1 = jobRow({
    id: rowId('a'),
    status: 'COMPLETED',
    model: 'm-b',
    created: at(0),
    finished: at(30),
    results: [image(1), image(2)],
  })
  const r2 = jobRow({
    id: rowId('b'),
    status: 'PROCESSING',
    model: 'm-a',
    created: at(10),
    finished: null,
    results: [],
  })
  const r3 = jobRow({
    id: rowId('c'),
    status: 'COMPLETED',
    model: null,
    created: at(-5),
    finished: at(35),
    results: [image(3)],
  })
  const r4 = notFoundRow(rowId('d'))
  const r5 = waitingRow(rowId('e'))
  const r6 = jobRow({
    id: rowId('f'),
    status: 'ERROR',
    model: 'm-a',
    created: at(10),
    finished: at(40),
    results: [],
  })
  const names = new Map([r1, r2, r3, r4, r5, r6].map((row, index) => [row, `r${index + 1}`]))
  const input = [r3, r5, r1, r6, r4, r2]
  const order = (rows: readonly BatchRow[]) => rows.map((row) => names.get(row))

  it.each<[SortOrder['key'], SortOrder['direction'], string[]]>([
    ['id', 'ascending', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']],
    ['id', 'descending', ['r6', 'r5', 'r4', 'r3', 'r2', 'r1']],
    // problems first: ERROR, not found, then in progress (waiting, PROCESSING), COMPLETED ×2 last
    // (tie: input order, in either direction)
    ['status', 'ascending', ['r6', 'r4', 'r5', 'r2', 'r3', 'r1']],
    ['status', 'descending', ['r3', 'r1', 'r2', 'r5', 'r4', 'r6']],
    // m-a ×2 (tie: input order), m-b; no model (r3) and no job (r5, r4) last, in input order
    ['model', 'ascending', ['r6', 'r2', 'r1', 'r3', 'r5', 'r4']],
    ['model', 'descending', ['r1', 'r6', 'r2', 'r3', 'r5', 'r4']],
    ['created', 'ascending', ['r3', 'r1', 'r6', 'r2', 'r5', 'r4']],
    ['created', 'descending', ['r6', 'r2', 'r1', 'r3', 'r5', 'r4']],
    // not finished (r2) counts as no value
    ['finished', 'ascending', ['r1', 'r3', 'r6', 'r5', 'r4', 'r2']],
    ['finished', 'descending', ['r6', 'r3', 'r1', 'r5', 'r4', 'r2']],
    // 30 s (r1), 30 s (r6), 40 s (r3)
    ['duration', 'ascending', ['r1', 'r6', 'r3', 'r5', 'r4', 'r2']],
    ['duration', 'descending', ['r3', 'r1', 'r6', 'r5', 'r4', 'r2']],
    // 0 ×2 (tie), 1, 2
    ['results', 'ascending', ['r6', 'r2', 'r3', 'r1', 'r5', 'r4']],
    ['results', 'descending', ['r1', 'r3', 'r6', 'r2', 'r5', 'r4']],
  ])('by %s, %s', (key, direction, expected) => {
    expect(order(sortRows(input, { key, direction }))).toEqual(expected)
  })

  it('leaves its input untouched', () => {
    const copy = [...input]
    sortRows(input, { key: 'model', direction: 'descending' })
    expect(input).toEqual(copy)
  })

  it('keeps the order it was given (the paste order) when no column is chosen', () => {
    const sorted = sortRows(input, null)
    expect(order(sorted)).toEqual(order(input))
    expect(sorted).not.toBe(input)
  })

  it.each<[SortOrder['direction'], string[]]>([
    [
      'ascending',
      [
        'ERROR',
        'not found',
        'error',
        'ARCHIVED',
        'ZOMBIE',
        'POSTPONED',
        'waiting',
        'CREATED',
        'QUEUED',
        'ASSIGNED_CONNECTIONS',
        'PROCESSING',
        'COMPLETED',
      ],
    ],
    [
      'descending',
      [
        'COMPLETED',
        'PROCESSING',
        'ASSIGNED_CONNECTIONS',
        'QUEUED',
        'CREATED',
        'waiting',
        'POSTPONED',
        'ZOMBIE',
        'ARCHIVED',
        'error',
        'not found',
        'ERROR',
      ],
    ],
  ])(
    'by status, %s: ERROR, not found, a failed lookup, unknown words, POSTPONED, the rest in progress, COMPLETED',
    (direction, expected) => {
      const groups = [
        'COMPLETED',
        'waiting',
        'PROCESSING',
        'ZOMBIE',
        'not found',
        'QUEUED',
        'ERROR',
        'POSTPONED',
        'error',
        'ASSIGNED_CONNECTIONS',
        'ARCHIVED',
        'CREATED',
      ]
      const rows = groups.map((group, index) => {
        const id = rowId(index.toString(16))
        if (group === 'not found') return notFoundRow(id)
        if (group === 'error') return failedRow(id, apiError('upstream', 500))
        if (group === 'waiting') return waitingRow(id)
        return jobRow(body(group, { id }))
      })
      expect(sortRows(rows, { key: 'status', direction }).map((row) => row.group)).toEqual(expected)
    },
  )

  it.each<[SortOrder['direction'], string[]]>([
    ['ascending', ['ARCHIVED', 'MIGRATED', 'ZOMBIE']],
    ['descending', ['ZOMBIE', 'MIGRATED', 'ARCHIVED']],
  ])(
    'by status, %s: unknown words follow the order of the counts, reversed when descending',
    (direction, expected) => {
      const rows = ['MIGRATED', 'ZOMBIE', 'ARCHIVED'].map((status, index) =>
        jobRow(body(status, { id: rowId(String(index)) })),
      )
      expect(sortRows(rows, { key: 'status', direction }).map((row) => row.group)).toEqual(expected)
    },
  )
})

describe('nextSort', () => {
  it.each<[string, BatchSort, SortOrder['key'], BatchSort]>([
    ['a first click sorts ascending', null, 'status', { key: 'status', direction: 'ascending' }],
    [
      'a second click reverses',
      { key: 'status', direction: 'ascending' },
      'status',
      { key: 'status', direction: 'descending' },
    ],
    [
      'a third click goes back to paste order',
      { key: 'status', direction: 'descending' },
      'status',
      null,
    ],
    [
      'another column starts ascending',
      { key: 'status', direction: 'descending' },
      'created',
      { key: 'created', direction: 'ascending' },
    ],
  ])('%s', (_, current, key, expected) => {
    expect(nextSort(current, key)).toEqual(expected)
  })
})

describe('problems', () => {
  const NOW = Date.parse('2025-05-17T08:00:00Z')
  const OPENED = NOW - 60_000
  const createdAgo = (ms: number) => new Date(NOW - ms).toISOString()
  const job = (status: string, created: string | null) =>
    jobRow(body(status, { id: rowId('a'), created }))

  it.each<[string, BatchRow, ReturnType<typeof rowProblem>]>([
    ['ERROR', job('ERROR', createdAgo(60_000)), 'ERROR'],
    ['not found', notFoundRow(rowId('b')), 'not found'],
    ['a lookup that failed', failedRow(rowId('c'), apiError('upstream', 500)), 'lookup failed'],
    ['a refused key', failedRow(rowId('c'), apiError('unauthorized', 401)), 'lookup failed'],
    ['a status this version does not know', job('CANCELLED', createdAgo(1000)), 'unknown status'],
    ['COMPLETED long ago', job('COMPLETED', createdAgo(10 * STUCK_AFTER_MS)), null],
    ['PROCESSING for the threshold exactly', job('PROCESSING', createdAgo(STUCK_AFTER_MS)), null],
    [
      'PROCESSING past the threshold',
      job('PROCESSING', createdAgo(STUCK_AFTER_MS + 1000)),
      'stuck',
    ],
    ['POSTPONED past the threshold', job('POSTPONED', createdAgo(2 * STUCK_AFTER_MS)), 'stuck'],
    ['QUEUED a minute ago', job('QUEUED', createdAgo(60_000)), null],
    ['created in the future (a clock off)', job('QUEUED', createdAgo(-STUCK_AFTER_MS * 2)), null],
    ['no answer yet', waitingRow(rowId('d')), null],
  ])('%s', (_, row, expected) => {
    expect(rowProblem(row, NOW, OPENED)).toBe(expected)
  })

  it('counts from when the page opened the list when the API sent no creation time', () => {
    const row = job('PROCESSING', null)
    expect(notFinalForMs(row, NOW, OPENED)).toBe(60_000)
    expect(rowProblem(row, NOW, OPENED)).toBeNull()
    expect(rowProblem(row, OPENED + STUCK_AFTER_MS + 1, OPENED)).toBe('stuck')
    // an unreadable creation time counts the same way
    const unreadable = job('PROCESSING', 'yesterday morning')
    expect(rowProblem(unreadable, OPENED + STUCK_AFTER_MS + 1, OPENED)).toBe('stuck')
  })

  it('has no not-final time for a final row or one without an answer', () => {
    expect(notFinalForMs(job('COMPLETED', createdAgo(1000)), NOW, OPENED)).toBeNull()
    expect(notFinalForMs(waitingRow(rowId('e')), NOW, OPENED)).toBeNull()
  })

  it('lists the problem ids in the order given', () => {
    const rows = [
      jobRow(body('COMPLETED', { id: rowId('1') })),
      notFoundRow(rowId('2')),
      jobRow(body('PROCESSING', { id: rowId('3'), created: createdAgo(STUCK_AFTER_MS * 3) })),
      waitingRow(rowId('4')),
      jobRow(body('ERROR', { id: rowId('5') })),
    ]
    expect(problemIds(rows, NOW, OPENED)).toEqual([rowId('2'), rowId('3'), rowId('5')])
  })
})
