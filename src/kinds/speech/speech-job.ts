// POST /async/speech/result: audio files as URLs. Documented as `{id, status, created: number,
// finished?: number, model, results[{url}]}`; parsed as tolerantly as image jobs.
import * as z from 'zod/mini'
import { BASE_FIELDS, type JobBase, baseJob, jobBaseShape, parseBody } from '../../api/job-base.ts'
import { type ResultUrl, classifyResultUrl } from '../../lib/result-url.ts'

export const speechJobResponseSchema = z.object({
  id: z.string(),
  ...jobBaseShape,
  results: z.nullish(z.array(z.object({ url: z.nullish(z.string()) }))),
})

export const SPEECH_JOB_FIELDS = [...BASE_FIELDS, 'results'] as const

export interface SpeechResult {
  readonly url: ResultUrl
}

export interface SpeechJob extends JobBase {
  readonly kind: 'speech'
  readonly results: readonly SpeechResult[]
}

/** Any JSON value either becomes a SpeechJob or a `bad-response` ApiError. */
export function parseSpeechJob(json: unknown, rawText: string): SpeechJob {
  const body = parseBody(speechJobResponseSchema, json, rawText)
  return {
    kind: 'speech',
    ...baseJob(body, body.id),
    results: (body.results ?? []).map((result) => ({ url: classifyResultUrl(result.url ?? '') })),
  }
}
