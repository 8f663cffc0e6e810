// The short name of the browser's zone for table headers ("Created (GMT+2)"), from the instants shown.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { localZoneNames } from '../../src/lib/zone-name.ts'

// Central European time: +1 in winter, +2 in summer. Node's default locale names them GMT+1/GMT+2.
vi.hoisted(() => {
  vi.stubEnv('TZ', 'Europe/Berlin')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

const WINTER = new Date('2025-01-10T07:00:00Z')
const SUMMER = new Date('2025-05-17T07:00:00Z')

describe('localZoneNames', () => {
  it.each<[string, Date[], Date, string]>([
    ['the zone at the times given', [SUMMER, SUMMER], WINTER, 'GMT+2'],
    [
      'both names, winter first, across a daylight-saving change',
      [SUMMER, WINTER],
      SUMMER,
      'GMT+1/GMT+2',
    ],
    ['the zone at the fallback when there are no times', [], WINTER, 'GMT+1'],
    ['the fallback for invalid dates only', [new Date(Number.NaN)], SUMMER, 'GMT+2'],
  ])('%s', (_, dates, fallback, expected) => {
    expect(localZoneNames(dates, fallback)).toBe(expected)
  })

  it('formats one instant per offset, however many times', () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts')
    const dates = Array.from({ length: 1000 }, (_, n) => new Date(SUMMER.getTime() + n * 60_000))
    expect(localZoneNames([...dates, WINTER], SUMMER)).toBe('GMT+1/GMT+2')
    expect(spy).toHaveBeenCalledTimes(2)
    spy.mockRestore()
  })
})
