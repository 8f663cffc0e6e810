// When a problem is worth a banner, when a retry is only a quiet mark, and when the next check comes.
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/api/api-error.ts'
import { DEFAULT_POLL_BOUNDS } from '../../src/config/runtime-config.ts'
import { type RefreshInput, STALE_AFTER_MS, refreshState } from '../../src/jobs/refresh-state.ts'

const NOW = 1_000_000
const upstream = new ApiError('upstream', 'HTTP 502', { status: 502 })

function input(overrides: Partial<RefreshInput> = {}): RefreshInput {
  return {
    status: 'PROCESSING',
    statusSince: NOW - 20_000,
    dataUpdatedAt: NOW - 2_000,
    errorUpdatedAt: 0,
    error: null,
    failureCount: 0,
    fetching: false,
    autoRefresh: true,
    pollBounds: DEFAULT_POLL_BOUNDS,
    now: NOW,
    ...overrides,
  }
}

describe('refreshState: banner or quiet mark', () => {
  it.each<[string, Partial<RefreshInput>, { banner: boolean; retrying: boolean }]>([
    ['all well', {}, { banner: false, retrying: false }],
    [
      'a failed poll being retried, fresh data on screen',
      { failureCount: 1 },
      { banner: false, retrying: true },
    ],
    [
      'the second retry, data 9 s old',
      { failureCount: 2, dataUpdatedAt: NOW - 9_000 },
      { banner: false, retrying: true },
    ],
    [
      'retries still going but the data is older than the limit',
      { failureCount: 2, dataUpdatedAt: NOW - STALE_AFTER_MS - 1 },
      { banner: true, retrying: true },
    ],
    [
      'retries spent',
      { error: upstream, failureCount: 4, errorUpdatedAt: NOW - 100 },
      { banner: true, retrying: false },
    ],
    [
      'a first lookup being retried (nothing on screen yet)',
      { dataUpdatedAt: 0, failureCount: 1 },
      { banner: true, retrying: true },
    ],
    [
      'old data while paused and nothing failing',
      { autoRefresh: false, dataUpdatedAt: NOW - 600_000 },
      { banner: false, retrying: false },
    ],
  ])('%s', (_, overrides, expected) => {
    const state = refreshState(input(overrides))
    expect({ banner: state.banner, retrying: state.retrying }).toEqual(expected)
  })
})

describe('refreshState: next check', () => {
  it('comes one fifth of the time in status after the last answer (20 s unchanged → 4 s)', () => {
    // unchanged for 18 s when the answer came 2 s ago: 3.6 s after it
    expect(refreshState(input()).nextCheckAt).toBe(NOW - 2_000 + 3_600)
  })

  it.each<[string, Partial<RefreshInput>]>([
    ['while a check is under way', { fetching: true }],
    ['while paused', { autoRefresh: false }],
    ['for a final job', { status: 'COMPLETED' }],
    ['while retries run (their own timing)', { failureCount: 1 }],
    [
      'for a job not found (nothing to poll)',
      { dataUpdatedAt: 0, error: new ApiError('not-found', 'x'), errorUpdatedAt: NOW },
    ],
  ])('is none %s', (_, overrides) => {
    expect(refreshState(input(overrides)).nextCheckAt).toBeNull()
  })

  it('after retries are spent, comes at the slow interval from the failure', () => {
    const state = refreshState(input({ error: upstream, errorUpdatedAt: NOW - 1_000 }))
    expect(state.nextCheckAt).toBe(NOW - 1_000 + DEFAULT_POLL_BOUNDS.maxMs)
  })

  it('honours Retry-After of a rate limit, when longer than the slow interval', () => {
    const limited = new ApiError('rate-limited', 'HTTP 429', { status: 429, retryAfterMs: 45_000 })
    const state = refreshState(input({ error: limited, errorUpdatedAt: NOW }))
    expect(state.nextCheckAt).toBe(NOW + 45_000)
  })
})
