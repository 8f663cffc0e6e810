// POST /async/images/result: the schema of its 200 body and the typed job it becomes.
// Tolerant where the docs are silent (see DISTRIBUTE_ASYNC_API.md, "Not documented"); strict only on
// what the dashboard cannot work without: `id` and `status`.
import * as z from 'zod/mini'
import { type JobTime, parseApiTime } from '../lib/time.ts'
import { type ResultUrl, classifyResultUrl } from '../lib/result-url.ts'
import { apiTime, parseBody } from './job-parse.ts'

// z.object strips unknown keys, so new fields in the API never break parsing.
const imageResultSchema = z.object({
  url: z.nullish(z.string()),
  revised_prompt: z.nullish(z.string()),
})

export const imageJobResponseSchema = z.object({
  id: z.string(),
  status: z.string(),
  created: apiTime,
  finished: apiTime,
  model: z.nullish(z.string()),
  results: z.nullish(z.array(imageResultSchema)),
})

/** Top-level fields this version shows; anything else the API sends is listed as "other fields". */
export const IMAGE_JOB_FIELDS = ['id', 'status', 'created', 'finished', 'model', 'results'] as const

export interface ImageResult {
  readonly url: ResultUrl
  readonly revisedPrompt: string | null
}

/** What every kind of job has, whatever its results. */
export interface JobBase {
  readonly id: string
  /** As sent: one of the seven known values or anything the API may add later. */
  readonly status: string
  readonly created: JobTime
  readonly finished: JobTime
  readonly model: string | null
}

export interface ImageJob extends JobBase {
  readonly kind: 'images'
  readonly results: readonly ImageResult[]
}

/** Any JSON value either becomes an ImageJob or a `bad-response` ApiError — never another error. */
export function parseImageJob(json: unknown, rawText: string): ImageJob {
  const body = parseBody(imageJobResponseSchema, json, rawText)
  return {
    kind: 'images',
    id: body.id,
    status: body.status,
    created: parseApiTime(body.created),
    finished: parseApiTime(body.finished),
    model: body.model ?? null,
    results: (body.results ?? []).map((result) => ({
      url: classifyResultUrl(result.url ?? ''),
      revisedPrompt: result.revised_prompt ?? null,
    })),
  }
}
