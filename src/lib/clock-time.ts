// Times of day for lists of events seen today ("10:00:01"), with the date only when it is not today.
// Pure: the caller passes its clock and the zone (Local or UTC).

const pad = (value: number) => String(value).padStart(2, '0')

interface Parts {
  readonly day: string
  readonly time: string
}

function partsOf(date: Date, utc: boolean): Parts {
  return utc
    ? {
        day: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
        time: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`,
      }
    : {
        day: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
        time: `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
      }
}

/** "10:00:01" (or "10:00:01 UTC"); "2025-05-17 10:00:01" when `date` is not on `now`'s day. */
export function formatTimeOfDay(date: Date, now: number, utc: boolean): string {
  const { day, time } = partsOf(date, utc)
  const today = partsOf(new Date(now), utc).day
  const text = day === today ? time : `${day} ${time}`
  return utc ? `${text} UTC` : text
}
