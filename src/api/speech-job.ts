// POST /async/speech/result: audio files as URLs. Documented as `{id, status, created: number,
// finished?: number, model, results[{url}]}`; parsed as tolerantly as image jobs.
import * as z from 'zod/mini'
import { parseApiTime } from '../lib/time.ts'
import { type ResultUrl, classifyResultUrl } from '../lib/result-url.ts'
import type { JobBase } from './image-job.ts'
import { apiTime, parseBody } from './job-parse.ts'

export const speechJobResponseSchema = z.object({
  id: z.string(),
  status: z.string(),
  created: apiTime,
  finished: apiTime,
  model: z.nullish(z.string()),
  results: z.nullish(z.array(z.object({ url: z.nullish(z.string()) }))),
})

export const SPEECH_JOB_FIELDS = [
  'id',
  'status',
  'created',
  'finished',
  'model',
  'results',
] as const

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
    id: body.id,
    status: body.status,
    created: parseApiTime(body.created),
    finished: parseApiTime(body.finished),
    model: body.model ?? null,
    results: (body.results ?? []).map((result) => ({ url: classifyResultUrl(result.url ?? '') })),
  }
}
