// The browser's time zone in a few letters ("CET", "GMT+2"), for headers that say which zone their
// times are in. Pure: the instants are given, since a zone's short name changes with daylight saving.

function zoneNameAt(format: Intl.DateTimeFormat, date: Date): string {
  return format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? ''
}

/**
 * The short local zone name(s) in force at these instants, joined by "/" when they straddle a
 * daylight-saving change ("CET/CEST"); at `fallback` when there are none. Formats one instant per
 * UTC offset, so a thousand rows cost a couple of calls.
 */
export function localZoneNames(dates: Iterable<Date>, fallback: Date): string {
  const byOffset = new Map<number, Date>()
  for (const date of dates) {
    const offset = date.getTimezoneOffset()
    if (!Number.isNaN(offset) && !byOffset.has(offset)) byOffset.set(offset, date)
  }
  if (byOffset.size === 0) byOffset.set(fallback.getTimezoneOffset(), fallback)
  // Made per call, not once per page: the browser's zone can change while the tab is open.
  const format = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
  // West to east: the winter name first in the northern hemisphere ("CET/CEST").
  const names = [...byOffset]
    .sort(([a], [b]) => b - a)
    .map(([, date]) => zoneNameAt(format, date))
    .filter((name) => name !== '')
  return [...new Set(names)].join('/') || 'local'
}
