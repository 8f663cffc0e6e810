// Batch table rows made the way the page makes them: API bodies through parseImageJob, failures as
// ApiErrors, and toBatchRow over what React Query would report. Shared by unit and component tests.
import { ApiError, type ApiErrorKind } from '../../../src/api/api-error.ts'
import { type ImageJob, parseImageJob } from '../../../src/kinds/images/image-job.ts'
import { type BatchRow, toBatchRow } from '../../../src/features/batch/batch-rows.ts'
import type { JobBase as Job } from '../../../src/api/job-base.ts'
import type { QueryLike, WatchedJob } from '../../../src/jobs/job-data.ts'
import { BUILT_IN_KINDS } from '../../../src/kinds/registry.ts'

/** A 200 body of POST /async/images/result, as the API sends it. */
export interface ApiJobBody {
  id: string
  status: string
  created?: string | number | null
  finished?: string | number | null
  model?: string | null
  results?: Array<{ url?: string | null; revised_prompt?: string | null }> | null
}

/** The API body parsed the way the app parses it. */
export function parsedJob(body: ApiJobBody): ImageJob {
  return parseImageJob(body, JSON.stringify(body))
}

/** A parsed job as the job query keeps it. */
export function watched(job: Job): WatchedJob {
  return { job, raw: {}, statusSince: 0, sawStatusBegin: false, alsoFoundIn: [] }
}

/** An ApiError of a kind, with the HTTP status the API would have sent for it. */
export function apiError(kind: ApiErrorKind, status?: number): ApiError {
  return new ApiError(kind, `${kind} (test)`, status === undefined ? {} : { status })
}

/** What React Query reports for a query, with nothing loaded and nothing failed by default. */
export function queryState(overrides: Partial<QueryLike> = {}): QueryLike {
  return { data: undefined, error: null, failureReason: null, failureCount: 0, ...overrides }
}

/** A row whose lookup answered with this body. */
export function jobRow(body: ApiJobBody, overrides: Partial<QueryLike> = {}): BatchRow {
  return toBatchRow(
    body.id,
    queryState({
      data: watched(parsedJob(body)),
      ...overrides,
    }),
    BUILT_IN_KINDS,
  )
}

/** A row whose lookup answered 404. */
export function notFoundRow(id: string): BatchRow {
  const error = apiError('not-found', 404)
  return toBatchRow(
    id,
    queryState({ error, failureReason: error, failureCount: 1 }),
    BUILT_IN_KINDS,
  )
}

/** A row whose lookup failed for good (retries spent) with this error. */
export function failedRow(id: string, error: Error): BatchRow {
  return toBatchRow(
    id,
    queryState({ error, failureReason: error, failureCount: 4 }),
    BUILT_IN_KINDS,
  )
}

/** A row still waiting for its first answer. */
export function waitingRow(id: string): BatchRow {
  return toBatchRow(id, queryState(), BUILT_IN_KINDS)
}
