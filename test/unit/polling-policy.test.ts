import type { QueryState } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { ApiError, type ApiErrorKind } from '../../src/api/api-error.ts'
import type { WatchedJob } from '../../src/jobs/job-data.ts'
import { pollStateOf } from '../../src/jobs/job-query.ts'
import {
  KNOWN_JOB_STATUSES,
  isKnownJobStatus,
  isTerminalStatus,
} from '../../src/jobs/job-status.ts'
import {
  MAX_RETRIES,
  type PollState,
  nextPollDelay,
  retryDelay,
  shouldRetry,
} from '../../src/jobs/polling-policy.ts'
import { DEFAULT_POLL_BOUNDS, type PollBounds } from '../../src/config/runtime-config.ts'

const SECOND = 1_000
const MINUTE = 60 * SECOND
/** The largest delay browser and node timers accept; anything above fires at once. */
const TIMER_MAX_MS = 2 ** 31 - 1

function seen(status: string | undefined, unchangedForMs = 0): PollState {
  return { status, unchangedForMs, errorKind: undefined }
}

function failed(errorKind: ApiErrorKind, retryAfterMs?: number, status = 'QUEUED'): PollState {
  return { status, unchangedForMs: 0, errorKind, retryAfterMs }
}

function apiError(kind: ApiErrorKind, retryAfterMs?: number): ApiError {
  return new ApiError(kind, `a ${kind} error`, { retryAfterMs })
}

describe('isTerminalStatus and isKnownJobStatus', () => {
  it.each<[string, boolean, boolean]>([
    ['CREATED', false, true],
    ['QUEUED', false, true],
    ['POSTPONED', false, true],
    ['ASSIGNED_CONNECTIONS', false, true],
    ['PROCESSING', false, true],
    ['COMPLETED', true, true],
    ['ERROR', true, true],
    ['completed', false, false],
    ['CANCELLED_BY_OPERATOR', false, false],
    ['', false, false],
    [' COMPLETED', false, false],
  ])('%j: terminal %s, known %s', (status, terminal, known) => {
    expect(isTerminalStatus(status)).toBe(terminal)
    expect(isKnownJobStatus(status)).toBe(known)
  })

  it('lists exactly the seven documented statuses', () => {
    expect([...KNOWN_JOB_STATUSES].sort()).toEqual([
      'ASSIGNED_CONNECTIONS',
      'COMPLETED',
      'CREATED',
      'ERROR',
      'POSTPONED',
      'PROCESSING',
      'QUEUED',
    ])
  })
})

describe('nextPollDelay with the default bounds', () => {
  it.each<[string, PollState, number | false]>([
    ['a COMPLETED job stops polling', seen('COMPLETED', 10 * MINUTE), false],
    ['an ERROR job stops polling', seen('ERROR'), false],
    ['a just-changed status polls at the minimum', seen('QUEUED', 0), 1_000],
    ['a status unchanged 5 s polls after 1 s', seen('PROCESSING', 5 * SECOND), 1_000],
    ['a status unchanged 20 s polls after 4 s', seen('QUEUED', 20 * SECOND), 4_000],
    ['a status unchanged 50 s polls after the maximum', seen('POSTPONED', 50 * SECOND), 10_000],
    ['a status unchanged 10 min stays at the maximum', seen('POSTPONED', 10 * MINUTE), 10_000],
    ['an unknown status keeps polling', seen('CANCELLED_BY_OPERATOR', 0), 1_000],
    ['no data yet polls at the minimum', seen(undefined), 1_000],
    ['not-found stops polling', failed('not-found'), false],
    ['unauthorized stops polling', failed('unauthorized'), false],
    ['rate-limited without Retry-After waits the maximum', failed('rate-limited'), 10_000],
    ['rate-limited honours a longer Retry-After', failed('rate-limited', 45 * SECOND), 45_000],
    [
      'rate-limited never polls sooner than the maximum',
      failed('rate-limited', 2 * SECOND),
      10_000,
    ],
    ['upstream waits the maximum', failed('upstream'), 10_000],
    ['network waits the maximum', failed('network'), 10_000],
    ['bad-response waits the maximum', failed('bad-response'), 10_000],
  ])('%s', (_, state, expected) => {
    expect(nextPollDelay(state)).toBe(expected)
  })

  it('uses DEFAULT_POLL_BOUNDS when no bounds are given', () => {
    expect(DEFAULT_POLL_BOUNDS).toEqual({ minMs: 1_000, maxMs: 10_000 })
  })

  it('never grows shorter as a status stays unchanged longer', () => {
    const delays = [0, 1, 5, 10, 20, 30, 49, 50, 60, 600].map(
      (seconds) => nextPollDelay(seen('QUEUED', seconds * SECOND)) as number,
    )
    expect(delays).toEqual([...delays].sort((a, b) => a - b))
  })

  it('never asks a timer for a delay it would overflow, even for an absurd Retry-After', () => {
    // Browsers and node fire a timer above 2^31-1 ms at once: an absurd Retry-After must not
    // turn the slow poll into a tight loop against the API.
    // Stopping (false) is an acceptable answer; a number beyond the timer's range is not.
    const delay = nextPollDelay(failed('rate-limited', 30 * 24 * 60 * MINUTE))
    if (delay !== false) {
      expect(delay).toBeLessThanOrEqual(TIMER_MAX_MS)
      expect(delay).toBeGreaterThanOrEqual(DEFAULT_POLL_BOUNDS.maxMs)
    }
  })
})

describe('nextPollDelay with custom bounds', () => {
  const bounds: PollBounds = { minMs: 2_000, maxMs: 30_000 }

  it.each<[string, PollState, number | false]>([
    ['fresh status → custom minimum', seen('QUEUED', 0), 2_000],
    ['between the bounds → a fifth of the unchanged time', seen('QUEUED', 50 * SECOND), 10_000],
    ['long unchanged → custom maximum', seen('QUEUED', 10 * MINUTE), 30_000],
    ['upstream error → custom maximum', failed('upstream'), 30_000],
    [
      'rate-limited with a short Retry-After → custom maximum',
      failed('rate-limited', 5_000),
      30_000,
    ],
    ['terminal still stops', seen('ERROR'), false],
  ])('%s', (_, state, expected) => {
    expect(nextPollDelay(state, bounds)).toBe(expected)
  })

  it('returns whole milliseconds', () => {
    expect(nextPollDelay(seen('QUEUED', 12_345), { minMs: 250, maxMs: 600_000 })).toBe(2_469)
  })
})

describe('shouldRetry', () => {
  it.each<[ApiErrorKind, boolean]>([
    ['upstream', true],
    ['network', true],
    ['rate-limited', true],
    ['not-found', false],
    ['unauthorized', false],
    ['bad-response', false],
  ])('a %s error on its first failure: retry %s', (kind, expected) => {
    expect(shouldRetry(0, apiError(kind))).toBe(expected)
  })

  it.each([0, 1, 2])('retries an upstream error after %i earlier failures', (failureCount) => {
    expect(shouldRetry(failureCount, apiError('upstream'))).toBe(true)
  })

  it.each([MAX_RETRIES, MAX_RETRIES + 1, 100])('stops retrying at failureCount %i', (count) => {
    expect(shouldRetry(count, apiError('network'))).toBe(false)
  })

  it.each<[string, unknown]>([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'boom'],
    ['null', null],
    ['an ApiError look-alike object', { name: 'ApiError', kind: 'network' }],
  ])('never retries %s', (_, error) => {
    expect(shouldRetry(0, error)).toBe(false)
  })

  it('allows three retries', () => {
    expect(MAX_RETRIES).toBe(3)
  })
})

describe('retryDelay', () => {
  it.each<[number, number]>([
    [0, 1_000],
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [5, 30_000],
    [10, 30_000],
  ])('after failure %i waits %i ms', (failureCount, expected) => {
    expect(retryDelay(failureCount, apiError('upstream'))).toBe(expected)
  })

  it.each<[string, number, number | undefined, number]>([
    ['a Retry-After longer than the backoff is a floor', 0, 7_000, 7_000],
    ['a Retry-After shorter than the backoff is ignored', 3, 2_000, 8_000],
    ['a Retry-After of zero changes nothing', 1, 0, 2_000],
    ['a Retry-After of 5 min is honoured', 0, 5 * MINUTE, 5 * MINUTE],
    ['a Retry-After of an hour is capped at 5 min', 0, 60 * MINUTE, 5 * MINUTE],
    ['an infinite Retry-After is capped at 5 min', 0, Number.POSITIVE_INFINITY, 5 * MINUTE],
  ])('%s', (_, failureCount, retryAfterMs, expected) => {
    expect(retryDelay(failureCount, apiError('rate-limited', retryAfterMs))).toBe(expected)
  })

  it('uses plain backoff for an error that is not an ApiError', () => {
    expect(retryDelay(2, new Error('boom'))).toBe(4_000)
  })
})

describe('pollStateOf', () => {
  const NOW = Date.parse('2025-05-17T07:01:00.000Z')

  function watched(status: string, statusSince: number): WatchedJob {
    return {
      job: {
        kind: 'images',
        id: '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71',
        status,
        created: { kind: 'absent' },
        finished: { kind: 'absent' },
        model: null,
      },
      raw: {},
      statusSince,
      sawStatusBegin: false,
      alsoFoundIn: [],
    }
  }

  function queryState(data: WatchedJob | undefined, error: Error | null): QueryState<WatchedJob> {
    return {
      data,
      dataUpdateCount: data === undefined ? 0 : 1,
      dataUpdatedAt: data === undefined ? 0 : NOW,
      error,
      errorUpdateCount: error === null ? 0 : 1,
      errorUpdatedAt: error === null ? 0 : NOW,
      fetchFailureCount: error === null ? 0 : 1,
      fetchFailureReason: error,
      fetchMeta: null,
      isInvalidated: false,
      status: error !== null ? 'error' : data === undefined ? 'pending' : 'success',
      fetchStatus: 'idle',
    }
  }

  it.each<[string, QueryState<WatchedJob>, PollState]>([
    [
      'nothing fetched yet',
      queryState(undefined, null),
      { status: undefined, unchangedForMs: 0, errorKind: undefined, retryAfterMs: undefined },
    ],
    [
      'a status seen 20 s ago',
      queryState(watched('QUEUED', NOW - 20 * SECOND), null),
      { status: 'QUEUED', unchangedForMs: 20_000, errorKind: undefined, retryAfterMs: undefined },
    ],
    [
      'a first fetch that failed with a rate limit',
      queryState(undefined, apiError('rate-limited', 7_000)),
      { status: undefined, unchangedForMs: 0, errorKind: 'rate-limited', retryAfterMs: 7_000 },
    ],
    [
      'a background poll that failed while data is on screen',
      queryState(watched('PROCESSING', NOW - 5 * SECOND), apiError('upstream')),
      {
        status: 'PROCESSING',
        unchangedForMs: 5_000,
        errorKind: 'upstream',
        retryAfterMs: undefined,
      },
    ],
    [
      'an error that is not an ApiError, read as bad-response',
      queryState(undefined, new TypeError('x is undefined')),
      { status: undefined, unchangedForMs: 0, errorKind: 'bad-response', retryAfterMs: undefined },
    ],
  ])('%s', (_, state, expected) => {
    expect(pollStateOf(state, NOW)).toEqual(expected)
  })

  it('ignores a stale error once the query is back to success', () => {
    const state = { ...queryState(watched('QUEUED', NOW), null), error: apiError('network') }
    expect(pollStateOf(state, NOW).errorKind).toBeUndefined()
  })

  it('feeds nextPollDelay so a 404 stops polling and a completed job stops polling', () => {
    expect(nextPollDelay(pollStateOf(queryState(undefined, apiError('not-found')), NOW))).toBe(
      false,
    )
    expect(nextPollDelay(pollStateOf(queryState(watched('COMPLETED', NOW), null), NOW))).toBe(false)
  })
})
