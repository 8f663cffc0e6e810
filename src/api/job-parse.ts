// What every result endpoint's parser shares: the time fields' schema, and how a body that does not
// fit becomes the one `bad-response` ApiError (with the raw text, so a person can see what came back).
import * as z from 'zod/mini'
import { ApiError } from './api-error.ts'

/** ISO string or epoch number, absent or null while pending (DISTRIBUTE_ASYNC_API.md, "Not documented"). */
export const apiTime = z.nullish(z.union([z.string(), z.number()]))

/** Raw bodies are kept for display; a 10 MB answer does not need to be kept whole. */
const RAW_KEEP_CHARS = 20_000

export function keepRawText(rawText: string): string {
  return rawText.length > RAW_KEEP_CHARS ? `${rawText.slice(0, RAW_KEEP_CHARS)}\n…` : rawText
}

interface Issue {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

function summariseIssues(issues: readonly Issue[]): string {
  return issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'body'}: ${issue.message}`,
    )
    .join('; ')
}

/** Parses `json` with `schema`, or throws the `bad-response` ApiError that names what did not fit. */
export function parseBody<T>(schema: z.ZodMiniType<T>, json: unknown, rawText: string): T {
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  throw new ApiError(
    'bad-response',
    `The response does not have the expected shape: ${summariseIssues(parsed.error.issues)}`,
    { status: 200, rawBody: keepRawText(rawText) },
  )
}
