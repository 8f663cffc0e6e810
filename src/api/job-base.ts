// What every kind's answer shares: the base fields (id, status, the two times, model) and their
// schema, the job they become, and how a body that does not fit becomes the one `bad-response`
// ApiError (with the raw text, so a person can see what came back). Each kind's own schema, in
// src/kinds/<kind>/, extends this one. Tolerant where the API docs are silent
// (docs/reference/DISTRIBUTE_ASYNC_API.md, "Not documented").
import * as z from 'zod/mini'
import type { JobKind } from '../lib/job-kinds.ts'
import { type JobTime, parseApiTime } from '../lib/time.ts'
import { ApiError } from './api-error.ts'

/** ISO string or epoch number, absent or null while pending. */
export const apiTime = z.nullish(z.union([z.string(), z.number()]))

/** The base fields but `id` (the chat endpoint may leave it out; the others must send it). */
export const jobBaseShape = {
  /** As sent: one of the seven known values or anything the API may add later. */
  status: z.string(),
  created: apiTime,
  finished: apiTime,
  model: z.nullish(z.string()),
}

/** Top-level fields every kind shows; a kind adds its own, anything else is an "other field". */
export const BASE_FIELDS = ['id', 'status', 'created', 'finished', 'model'] as const

/** What every kind of job has, whatever its results. */
export interface JobBase {
  /** Which endpoint answered: the registry entry that parsed it. */
  readonly kind: JobKind
  readonly id: string
  readonly status: string
  readonly created: JobTime
  readonly finished: JobTime
  readonly model: string | null
}

type BaseBody = z.infer<z.ZodMiniObject<typeof jobBaseShape>>

/** The base fields of a parsed body as the app reads them (times read, `null` for absent). */
export function baseJob(body: BaseBody, id: string): Omit<JobBase, 'kind'> {
  return {
    id,
    status: body.status,
    created: parseApiTime(body.created),
    finished: parseApiTime(body.finished),
    model: body.model ?? null,
  }
}

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
