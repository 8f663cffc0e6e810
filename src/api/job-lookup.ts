// Asking one kind's result endpoint for a job: `POST <apiBase>/async/<kind>/result` with `{id}`.
// The answer comes back as JSON and text; the kind that asked parses it (src/kinds/<kind>/).
import { type JobKind, resultPath } from '../lib/job-kinds.ts'
import { type JsonResponse, postJson } from './http.ts'

export interface JobLookupOptions {
  /** Where the proxy answers, e.g. "/api". */
  readonly apiBase: string
  readonly signal?: AbortSignal | undefined
}

export function postJobLookup(
  kind: JobKind,
  id: string,
  { apiBase, signal }: JobLookupOptions,
): Promise<JsonResponse> {
  return postJson(`${apiBase}${resultPath(kind)}`, { id }, { signal })
}
