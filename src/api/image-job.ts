// POST /async/images/result: the schema of its 200 body and the fetcher that returns typed data.
// Tolerant where the docs are silent (see DISTRIBUTE_ASYNC_API.md, "Not documented"); strict only on
// what the dashboard cannot work without: `id` and `status`.
import * as z from 'zod/mini'
import { ApiError } from './api-error.ts'
import { postJson } from './http.ts'
import { type JobTime, parseApiTime } from '../lib/time.ts'
import { type ResultUrl, classifyResultUrl } from '../lib/result-url.ts'

const apiTime = z.nullish(z.union([z.string(), z.number()]))

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

export interface ImageResult {
  readonly url: ResultUrl
  readonly revisedPrompt: string | null
}

export interface ImageJob {
  readonly id: string
  /** As sent: one of the seven known values or anything the API may add later. */
  readonly status: string
  readonly created: JobTime
  readonly finished: JobTime
  readonly model: string | null
  readonly results: readonly ImageResult[]
}

export interface ImageJobSnapshot {
  readonly job: ImageJob
  /** The parsed response body, for the raw JSON view. */
  readonly raw: unknown
}

/** Any JSON value either becomes an ImageJob or a `bad-response` ApiError — never another error. */
export function parseImageJob(json: unknown, rawText: string): ImageJob {
  const parsed = imageJobResponseSchema.safeParse(json)
  if (!parsed.success) {
    throw new ApiError(
      'bad-response',
      `The response does not have the expected shape: ${summariseIssues(parsed.error.issues)}`,
      {
        status: 200,
        rawBody: rawText.length > 20_000 ? `${rawText.slice(0, 20_000)}\n…` : rawText,
      },
    )
  }
  const body = parsed.data
  return {
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

function summariseIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'body'}: ${issue.message}`,
    )
    .join('; ')
}

export interface FetchJobOptions {
  /** Where the proxy answers, e.g. "/api". */
  apiBase: string
  signal?: AbortSignal
}

export async function fetchImageJob(
  id: string,
  { apiBase, signal }: FetchJobOptions,
): Promise<ImageJobSnapshot> {
  const { json, text } = await postJson(`${apiBase}/async/images/result`, { id }, { signal })
  return { job: parseImageJob(json, text), raw: json }
}
