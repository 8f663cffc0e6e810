// One job of any kind: the discriminated union the app works with, and the API half of the kind
// registry — each kind's endpoint, parser and documented fields. The UI half (label, results view,
// summary lines, export columns, preview cell) is src/kinds/registry.tsx.
import type { ChatJob } from './chat-job.ts'
import { CHAT_JOB_FIELDS, parseChatJob } from './chat-job.ts'
import { postJson } from './http.ts'
import { IMAGE_JOB_FIELDS, type ImageJob, parseImageJob } from './image-job.ts'
import { type JobKind, resultPath } from '../lib/job-kinds.ts'
import { SPEECH_JOB_FIELDS, type SpeechJob, parseSpeechJob } from './speech-job.ts'

export type Job = ImageJob | ChatJob | SpeechJob
export type { JobBase } from './image-job.ts'

export interface JobKindApi {
  /** Any JSON value becomes a job of this kind or a `bad-response` ApiError. */
  readonly parse: (json: unknown, rawText: string, requestedId: string) => Job
  /** Top-level fields this version shows; anything else is listed as "other fields". */
  readonly fields: readonly string[]
}

export const JOB_KIND_API = {
  images: { parse: (json, text) => parseImageJob(json, text), fields: IMAGE_JOB_FIELDS },
  chat: { parse: parseChatJob, fields: CHAT_JOB_FIELDS },
  speech: { parse: (json, text) => parseSpeechJob(json, text), fields: SPEECH_JOB_FIELDS },
} as const satisfies Record<JobKind, JobKindApi>

export interface JobSnapshot {
  readonly job: Job
  /** The parsed response body, for the raw JSON view. */
  readonly raw: unknown
}

export interface FetchJobOptions {
  /** Where the proxy answers, e.g. "/api". */
  apiBase: string
  signal?: AbortSignal
}

/** Asks one kind's result endpoint for `id`; throws an ApiError for anything but a job of that kind. */
export async function fetchJob(
  kind: JobKind,
  id: string,
  { apiBase, signal }: FetchJobOptions,
): Promise<JobSnapshot> {
  const { json, text } = await postJson(`${apiBase}${resultPath(kind)}`, { id }, { signal })
  return { job: JOB_KIND_API[kind].parse(json, text, id), raw: json }
}
