// How watch news is told: few system notifications however many jobs end (gathered, then a quiet
// period), the words of each, and times of day for the timeline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  GATHER_MS,
  QUIET_MS,
  createNotificationBatcher,
} from '../../src/features/watch/notification-batcher.ts'
import type { WatchEvent } from '../../src/features/watch/watch-monitor.ts'
import { notificationText, titleAttention } from '../../src/features/watch/watch-texts.ts'
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'
import { formatTimeOfDay } from '../../src/lib/clock-time.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'

const ended = (id: string, status: string): WatchEvent => ({
  id,
  kind: 'images',
  status,
  reason: 'final',
})

describe('the notification batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends one event after a short gathering moment', () => {
    const sent: string[][] = []
    const batcher = createNotificationBatcher<string>((events) => sent.push([...events]))
    batcher.push('a')
    vi.advanceTimersByTime(GATHER_MS - 1)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([['a']])
  })

  it('sends a burst as one, and what comes in the quiet period after as one more', () => {
    const sent: string[][] = []
    const batcher = createNotificationBatcher<string>((events) => sent.push([...events]))
    batcher.push('a')
    batcher.push('b')
    vi.advanceTimersByTime(GATHER_MS)
    batcher.push('c')
    vi.advanceTimersByTime(1_000)
    batcher.push('d')
    vi.advanceTimersByTime(QUIET_MS)
    expect(sent).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])

    // Quiet again: the next one goes after the gathering moment only.
    vi.advanceTimersByTime(QUIET_MS)
    batcher.push('e')
    vi.advanceTimersByTime(GATHER_MS)
    expect(sent.at(-1)).toEqual(['e'])
  })

  it('sends nothing after dispose', () => {
    const send = vi.fn()
    const batcher = createNotificationBatcher<string>(send)
    batcher.push('a')
    batcher.dispose()
    vi.advanceTimersByTime(QUIET_MS * 2)
    expect(send).not.toHaveBeenCalled()
  })
})

describe('the words of watch news', () => {
  it('names the status and the job in one notification', () => {
    expect(notificationText([ended(A, 'COMPLETED')], BUILT_IN_KINDS)).toEqual({
      title: 'COMPLETED · job 3f2b8c1e',
      body: `Job ${A} (Image) ended: COMPLETED.`,
    })
    expect(
      notificationText(
        [{ id: A, kind: null, status: 'not found', reason: 'not-found' }],
        BUILT_IN_KINDS,
      ).body,
    ).toBe(`Job ${A} was not found. Jobscope stopped watching it.`)
  })

  it('sums up several, with every id up to four', () => {
    const events = [ended(A, 'COMPLETED'), ended(B, 'ERROR')]
    expect(notificationText(events, BUILT_IN_KINDS)).toEqual({
      title: '2 watched jobs changed',
      body: `COMPLETED: ${A}\nERROR: ${B}`,
    })
    const many = Array.from({ length: 6 }, () => ended(A, 'COMPLETED'))
    expect(notificationText(many, BUILT_IN_KINDS).body.split('\n').at(-1)).toBe(
      'and 2 more (see Watching)',
    )
  })

  it('puts the news in front of the tab title while unread', () => {
    expect(titleAttention([])).toBeNull()
    expect(titleAttention([ended(A, 'ERROR')])).toBe('● ERROR 3f2b8c1e')
    expect(titleAttention([ended(A, 'ERROR'), ended(B, 'COMPLETED')])).toBe('● 2 watch updates')
  })
})

describe('formatTimeOfDay', () => {
  const at = new Date('2025-05-17T10:00:01Z')

  it('gives the time alone for today, and the date too otherwise (UTC)', () => {
    expect(formatTimeOfDay(at, Date.parse('2025-05-17T23:59:00Z'), true)).toBe('10:00:01 UTC')
    expect(formatTimeOfDay(at, Date.parse('2025-05-18T00:00:01Z'), true)).toBe(
      '2025-05-17 10:00:01 UTC',
    )
  })

  it('uses the browser’s zone in Local mode, without a zone word', () => {
    const text = formatTimeOfDay(at, at.getTime(), false)
    expect(text).toMatch(/^\d\d:\d\d:\d\d$/)
    expect(text.slice(0, 2)).toBe(String(at.getHours()).padStart(2, '0'))
  })
})
