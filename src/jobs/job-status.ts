// What the API's status words mean to us. The docs list seven values and describe none; this reading is
// ours (see docs/reference/DISTRIBUTE_ASYNC_API.md). Any other word is shown as sent and treated as "still going".

export const KNOWN_JOB_STATUSES = [
  'CREATED',
  'QUEUED',
  'POSTPONED',
  'ASSIGNED_CONNECTIONS',
  'PROCESSING',
  'COMPLETED',
  'ERROR',
] as const

export type KnownJobStatus = (typeof KNOWN_JOB_STATUSES)[number]

export function isKnownJobStatus(status: string): status is KnownJobStatus {
  return (KNOWN_JOB_STATUSES as readonly string[]).includes(status)
}

/** COMPLETED and ERROR end a job; polling stops there for good. */
export function isTerminalStatus(status: string): boolean {
  return status === 'COMPLETED' || status === 'ERROR'
}

/** How far along a job is at each known status; QUEUED and POSTPONED go back and forth, as waits. */
const STAGE: Readonly<Record<KnownJobStatus, number>> = {
  CREATED: 0,
  QUEUED: 1,
  POSTPONED: 1,
  ASSIGNED_CONNECTIONS: 2,
  PROCESSING: 3,
  COMPLETED: 4,
  ERROR: 4,
}

/**
 * Whether `next` is an earlier stage than `previous` (a finished job reported as CREATED again, say):
 * never expected of a job, so shown as what it is. Unknown words are never said to go back.
 */
export function wentBack(previous: string, next: string): boolean {
  if (!isKnownJobStatus(previous) || !isKnownJobStatus(next)) return false
  return STAGE[next] < STAGE[previous] || (isTerminalStatus(previous) && next !== previous)
}

/** Shown where a status would be for a job the API does not know; lowercase, so never an API word. */
export const NOT_FOUND_LABEL = 'not found'
