// POST /async/images/result: the schema of its 200 body and the typed job it becomes.
// Tolerant where the docs are silent (docs/reference/DISTRIBUTE_ASYNC_API.md, "Not documented");
// strict only on what the dashboard cannot work without: `id` and `status`.
import * as z from 'zod/mini'
import { BASE_FIELDS, type JobBase, baseJob, jobBaseShape, parseBody } from '../../api/job-base.ts'
import { type ResultUrl, classifyResultUrl } from '../../lib/result-url.ts'

// z.object strips unknown keys, so new fields in the API never break parsing.
const imageResultSchema = z.object({
  url: z.nullish(z.string()),
  revised_prompt: z.nullish(z.string()),
})

export const imageJobResponseSchema = z.object({
  id: z.string(),
  ...jobBaseShape,
  results: z.nullish(z.array(imageResultSchema)),
})

/** Top-level fields this version shows; anything else the API sends is listed as "other fields". */
export const IMAGE_JOB_FIELDS = [...BASE_FIELDS, 'results'] as const

export interface ImageResult {
  readonly url: ResultUrl
  readonly revisedPrompt: string | null
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
    ...baseJob(body, body.id),
    results: (body.results ?? []).map((result) => ({
      url: classifyResultUrl(result.url ?? ''),
      revisedPrompt: result.revised_prompt ?? null,
    })),
  }
}
