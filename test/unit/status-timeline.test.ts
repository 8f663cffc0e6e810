// The timeline store's rules (what survives in storage, bounded per job and in all, repeats ignored),
// the gaps it shows, and the recorder that feeds it from the React Query cache.
import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  TIMELINE_JOB_LIMIT,
  TIMELINE_OBSERVATION_LIMIT,
  createStatusTimelineStore,
  parseStoredTimelines,
  timelineRows,
} from '../../src/features/job/status-timeline.ts'
import { recordStatusTimelines } from '../../src/features/job/status-timeline-recorder.ts'
import { jobKeys } from '../../src/jobs/job-data.ts'
import { wentBack } from '../../src/jobs/job-status.ts'
import { MemoryStorage } from '../component/support/memory-storage.ts'
import { parsedJob, watched } from '../component/support/batch-fixtures.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const T = Date.parse('2025-05-17T10:00:01Z')
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`

beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('localStorage', new MemoryStorage())
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('parseStoredTimelines: whatever is in storage', () => {
  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'x'],
    ['jobs that are not a list', { jobs: {} }],
  ])('%s → nothing', (_, stored) => {
    expect(parseStoredTimelines(stored).size).toBe(0)
  })

  it('keeps the good observations of a job and the good jobs', () => {
    const parsed = parseStoredTimelines({
      jobs: [
        { id: 'nope', seen: [{ status: 'QUEUED', at: T }], dropped: 0 },
        {
          id: A,
          seen: [
            { status: 'QUEUED', at: T },
            { status: 3, at: T },
            null,
            { status: 'X'.repeat(500), at: T },
          ],
          dropped: 0,
        },
        { id: B, seen: [], dropped: 0 },
      ],
    })
    expect([...parsed.keys()]).toEqual([A])
    expect(parsed.get(A)?.seen).toEqual([{ status: 'QUEUED', at: T }])
  })
})

describe('the timeline store', () => {
  it('adds a status once, in the order seen, even when the clock goes back', () => {
    const store = createStatusTimelineStore()
    expect(store.observe(A, 'QUEUED', T)).toBe(true)
    expect(store.observe(A, 'QUEUED', T + 5_000)).toBe(false)
    expect(store.observe(A.toUpperCase(), 'PROCESSING', T - 3_600_000)).toBe(true)
    expect(store.get(A)?.seen).toEqual([
      { status: 'QUEUED', at: T },
      { status: 'PROCESSING', at: T - 3_600_000 },
    ])
  })

  it('ignores ids that are not job ids and times that are not times', () => {
    const store = createStatusTimelineStore()
    expect(store.observe('nope', 'QUEUED', T)).toBe(false)
    expect(store.observe(A, 'QUEUED', Number.NaN)).toBe(false)
  })

  it(`keeps the first and the latest observations of a job, ${TIMELINE_OBSERVATION_LIMIT} in all, and counts the rest`, () => {
    const store = createStatusTimelineStore()
    for (let n = 0; n < TIMELINE_OBSERVATION_LIMIT + 10; n += 1) {
      store.observe(A, n % 2 === 0 ? 'PROCESSING' : 'POSTPONED', T + n)
    }
    const timeline = store.get(A)
    expect(timeline?.seen).toHaveLength(TIMELINE_OBSERVATION_LIMIT)
    expect(timeline?.seen[0]?.at).toBe(T)
    expect(timeline?.seen.at(-1)?.at).toBe(T + TIMELINE_OBSERVATION_LIMIT + 9)
    expect(timeline?.dropped).toBe(10)
  })

  it(`keeps ${TIMELINE_JOB_LIMIT} jobs, dropping the least recently changed that are not kept first`, () => {
    const store = createStatusTimelineStore('test.timeline', () => (id) => id === nthId(0))
    for (let n = 0; n <= TIMELINE_JOB_LIMIT; n += 1) store.observe(nthId(n), 'QUEUED', T + n)
    expect(store.get(nthId(0))).toBeDefined()
    expect(store.get(nthId(1))).toBeUndefined()
    expect(store.get(nthId(TIMELINE_JOB_LIMIT))).toBeDefined()
  })

  it('writes after a second, and a new store reads what was seen', async () => {
    const store = createStatusTimelineStore('test.timeline')
    store.observe(A, 'QUEUED', T)
    store.observe(A, 'COMPLETED', T + 38_000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(createStatusTimelineStore('test.timeline').get(A)).toEqual(store.get(A))
  })
})

describe('timelineRows', () => {
  it('gives each row the gap from the one before: none first, negative after a clock change', () => {
    expect(
      timelineRows({
        id: A,
        dropped: 0,
        seen: [
          { status: 'CREATED', at: T },
          { status: 'QUEUED', at: T + 1_000 },
          { status: 'PROCESSING', at: T - 5_000 },
        ],
      }).map((row) => row.gapMs),
    ).toEqual([null, 1_000, -6_000])
    expect(timelineRows(undefined)).toEqual([])
  })

  it('marks a status earlier than the one before: the API reported it', () => {
    expect(
      timelineRows({
        id: A,
        dropped: 0,
        seen: [
          { status: 'QUEUED', at: T },
          { status: 'POSTPONED', at: T + 1 },
          { status: 'QUEUED', at: T + 2 },
          { status: 'COMPLETED', at: T + 3 },
          { status: 'CREATED', at: T + 4 },
        ],
      }).map((row) => row.wentBack),
    ).toEqual([false, false, false, false, true])
  })
})

describe('wentBack', () => {
  it.each<[string, string, boolean]>([
    ['CREATED', 'QUEUED', false],
    ['QUEUED', 'POSTPONED', false],
    ['POSTPONED', 'QUEUED', false],
    ['PROCESSING', 'COMPLETED', false],
    ['PROCESSING', 'QUEUED', true],
    ['COMPLETED', 'CREATED', true],
    ['COMPLETED', 'ERROR', true],
    ['ERROR', 'PROCESSING', true],
    ['COMPLETED', 'WARMING_UP', false],
    ['WARMING_UP', 'CREATED', false],
  ])('%s → %s: %s', (previous, next, expected) => {
    expect(wentBack(previous, next)).toBe(expected)
  })
})

describe('recordStatusTimelines', () => {
  it('records what the cache already holds and every status change after, for job queries only', () => {
    const client = new QueryClient()
    const store = createStatusTimelineStore('test.timeline')
    const job = (status: string) => ({ ...watched(parsedJob({ id: A, status })), statusSince: T })
    client.setQueryData(jobKeys.detail(A), job('QUEUED'))
    client.setQueryData(['something', 'else'], { job: { status: 'NOPE' } })

    const stop = recordStatusTimelines(client, store)
    client.setQueryData(jobKeys.detail(A), { ...job('PROCESSING'), statusSince: T + 2_000 })
    client.setQueryData(jobKeys.detail(A), { ...job('PROCESSING'), statusSince: T + 2_000 })
    stop()
    client.setQueryData(jobKeys.detail(A), { ...job('COMPLETED'), statusSince: T + 9_000 })

    expect(store.get(A)?.seen).toEqual([
      { status: 'QUEUED', at: T },
      { status: 'PROCESSING', at: T + 2_000 },
    ])
    client.clear()
  })
})
