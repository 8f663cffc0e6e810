import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type JobTime,
  formatDuration,
  formatLocal,
  formatRelative,
  formatUtc,
  parseApiTime,
} from '../../src/lib/time.ts'
import { timeInStatusText } from '../../src/features/job/time-in-status.ts'

const INSTANT = '2025-05-17T07:00:24.027Z'
const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const valid = (iso: string): JobTime => ({ kind: 'valid', date: new Date(iso) })

describe('parseApiTime', () => {
  it.each<[string, string | number | null | undefined, JobTime]>([
    ['ISO with Z', INSTANT, valid(INSTANT)],
    ['ISO with a positive offset', '2025-05-17T09:00:24.027+02:00', valid(INSTANT)],
    ['ISO with a negative offset', '2025-05-17T02:00:24.027-05:00', valid(INSTANT)],
    ['ISO with an offset without colon', '2025-05-17T09:00:24+0200', valid('2025-05-17T07:00:24Z')],
    ['ISO without seconds', '2025-05-17T07:00Z', valid('2025-05-17T07:00:00Z')],
    ['ISO with a space instead of T', '2025-05-17 07:00:24Z', valid('2025-05-17T07:00:24Z')],
    ['ISO in lowercase', '2025-05-17t07:00:24z', valid('2025-05-17T07:00:24Z')],
    ['a date only, read as UTC midnight', '2025-05-17', valid('2025-05-17T00:00:00Z')],
    ['ISO with surrounding whitespace', `  ${INSTANT}\n`, valid(INSTANT)],
    ['epoch seconds', 1747465224, valid('2025-05-17T07:00:24Z')],
    ['epoch milliseconds', 1747465224027, valid(INSTANT)],
    ['fractional epoch seconds', 1747465224.027, valid(INSTANT)],
    ['a numeric string of seconds', '1747465224', valid('2025-05-17T07:00:24Z')],
    ['a numeric string of milliseconds', '1747465224027', valid(INSTANT)],
    ['null', null, { kind: 'absent' }],
    ['undefined', undefined, { kind: 'absent' }],
    ['an empty string', '', { kind: 'absent' }],
    ['a blank string', '   ', { kind: 'absent' }],
    ['a word', 'yesterday', { kind: 'invalid', raw: 'yesterday' }],
    ['a day-first date', '17/05/2025', { kind: 'invalid', raw: '17/05/2025' }],
    ['a month-first date', '05/17/2025', { kind: 'invalid', raw: '05/17/2025' }],
    ['an English date', 'May 17, 2025', { kind: 'invalid', raw: 'May 17, 2025' }],
    ['an impossible month', '2025-13-01', { kind: 'invalid', raw: '2025-13-01' }],
    ['a day February does not have', '2025-02-30', { kind: 'invalid', raw: '2025-02-30' }],
    ['NaN', Number.NaN, { kind: 'invalid', raw: 'NaN' }],
    ['a negative number', -5, { kind: 'invalid', raw: '-5' }],
    ['zero', 0, { kind: 'invalid', raw: '0' }],
    ['Infinity', Number.POSITIVE_INFINITY, { kind: 'invalid', raw: 'Infinity' }],
    ['a negative numeric string', '-5', { kind: 'invalid', raw: '-5' }],
  ])('%s', (_, value, expected) => {
    expect(parseApiTime(value)).toEqual(expected)
  })

  it('reads epoch seconds and epoch milliseconds of the same instant as the same date', () => {
    const seconds = parseApiTime(1747465224)
    const millis = parseApiTime(1747465224000)
    expect(seconds.kind === 'valid' && seconds.date.getTime()).toBe(1747465224000)
    expect(millis).toEqual(seconds)
  })

  it('reads epoch numbers from 1973 to 5138 as seconds or milliseconds by their size', () => {
    // 1e11 is the boundary: below it seconds, above it milliseconds.
    expect(parseApiTime(99_999_999_999)).toEqual({
      kind: 'valid',
      date: new Date(99_999_999_999_000),
    })
    expect(parseApiTime(100_000_000_000)).toEqual({ kind: 'valid', date: new Date(1e11) })
  })
})

describe('formatRelative', () => {
  const NOW = Date.parse('2025-05-17T12:00:00.000Z')

  it.each<[string, number, string]>([
    ['the same instant', 0, 'just now'],
    ['4 s ago', -4 * SECOND, 'just now'],
    ['4 s ahead', 4 * SECOND, 'just now'],
    ['30 s ago', -30 * SECOND, '30 seconds ago'],
    ['30 s ahead', 30 * SECOND, 'in 30 seconds'],
    ['3 min ago', -3 * MINUTE, '3 minutes ago'],
    ['2 h ahead', 2 * HOUR, 'in 2 hours'],
    ['5 h ago', -5 * HOUR, '5 hours ago'],
    ['1 day ago', -DAY, 'yesterday'],
    ['3 days ago', -3 * DAY, '3 days ago'],
    ['45 days ago', -45 * DAY, 'last month'],
    ['4 months ago', -120 * DAY, '4 months ago'],
    ['2 years ago', -2 * 365 * DAY, '2 years ago'],
    ['5 years ahead', 5 * 365 * DAY, 'in 5 years'],
  ])('%s → %j', (_, offsetMs, expected) => {
    expect(formatRelative(new Date(NOW + offsetMs), NOW)).toBe(expected)
  })
})

describe('readyTimeFormatting', () => {
  // A page's first Intl object is slow to make (Chromium sets up its locale data): the module makes
  // none as it loads, and the app makes them while it waits rather than in a render.
  const made: string[] = []
  const originals = {
    RelativeTimeFormat: Intl.RelativeTimeFormat,
    DateTimeFormat: Intl.DateTimeFormat,
  }
  afterEach(() => {
    Object.assign(Intl, originals)
    made.length = 0
  })
  async function freshTimeModule() {
    for (const [name, Original] of Object.entries(originals)) {
      Reflect.set(
        Intl,
        name,
        new Proxy(Original, {
          construct(target, args: unknown[]) {
            made.push(name)
            return Reflect.construct(target, args) as object
          },
        }),
      )
    }
    vi.resetModules()
    return import('../../src/lib/time.ts')
  }

  it('makes no formatter as the module loads; the first relative time makes one, once', async () => {
    const time = await freshTimeModule()
    expect(made).toEqual([])
    const now = Date.parse('2025-05-17T12:00:00.000Z')
    expect(time.formatRelative(new Date(now - 3 * MINUTE), now)).toBe('3 minutes ago')
    expect(time.formatRelative(new Date(now - 5 * HOUR), now)).toBe('5 hours ago')
    expect(made).toEqual(['RelativeTimeFormat'])
  })

  it('makes the formatters ahead, once, and later times use them', async () => {
    const time = await freshTimeModule()
    time.readyTimeFormatting()
    time.readyTimeFormatting()
    expect(made).toEqual(['RelativeTimeFormat', 'DateTimeFormat'])
    const now = Date.parse('2025-05-17T12:00:00.000Z')
    expect(time.formatRelative(new Date(now + 2 * HOUR), now)).toBe('in 2 hours')
    expect(made).toEqual(['RelativeTimeFormat', 'DateTimeFormat'])
  })
})

describe('formatDuration', () => {
  it.each<[number, string]>([
    [0, '0 ms'],
    [850, '850 ms'],
    [42 * SECOND, '42 s'],
    [59 * SECOND, '59 s'],
    [60 * SECOND, '1 min 00 s'],
    [3 * MINUTE + 5 * SECOND, '3 min 05 s'],
    [59 * MINUTE + 59 * SECOND, '59 min 59 s'],
    [HOUR, '1 h 0 min'],
    [2 * HOUR + 14 * MINUTE, '2 h 14 min'],
    [3 * DAY + 4 * HOUR, '3 d 4 h'],
    [-(3 * MINUTE + 5 * SECOND), '−3 min 05 s'],
    [-850, '−850 ms'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
    [Number.NEGATIVE_INFINITY, '—'],
  ])('%d ms → %j', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})

describe('formatUtc', () => {
  it.each<[string, string]>([
    [INSTANT, '2025-05-17 07:00:24 UTC'],
    ['2025-05-17T09:00:24+02:00', '2025-05-17 07:00:24 UTC'],
    ['1999-12-31T23:59:59.999Z', '1999-12-31 23:59:59 UTC'],
  ])('%s → %j', (iso, expected) => {
    expect(formatUtc(new Date(iso))).toBe(expected)
  })
})

describe('timeInStatusText', () => {
  it.each<[string, number, boolean, string]>([
    ['POSTPONED', 0, false, 'in POSTPONED since just now'],
    ['POSTPONED', 999, true, 'in POSTPONED since just now'],
    ['POSTPONED', 1_000, false, 'in POSTPONED for at least 1 s'],
    ['QUEUED', 3_400, true, 'in QUEUED for 3 s'],
    ['PROCESSING', 292_000, true, 'in PROCESSING for 4 min 52 s'],
    ['', 5_000, true, 'in (empty status) for 5 s'],
  ])('%s after %i ms (saw it begin: %s): %s', (status, elapsed, sawBegin, expected) => {
    expect(timeInStatusText(status, elapsed, sawBegin)).toBe(expected)
  })
})

describe('formatLocal', () => {
  it('writes the local time in the same clock style as UTC, with the zone’s short name', () => {
    // This machine's zone is whatever it is: the shape is what is fixed.
    expect(formatLocal(new Date(INSTANT))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+$/)
  })
})
