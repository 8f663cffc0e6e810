// The MSW server shared by every component test, and the result endpoints the app calls.
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { JOB_KINDS, type BuiltInKind } from '../../../src/lib/job-kinds.ts'

/** Relative, as the app sends it; MSW resolves it against jsdom's location like the fetch does. */
export const resultUrl = (kind: BuiltInKind) => `/api/async/${kind}/result`
export const JOB_RESULT_URL = resultUrl('images')

/**
 * Each endpoint knows only its own jobs: unless a test says otherwise, every one answers 404, as the
 * API does for an id of another kind. `server.resetHandlers()` keeps these.
 */
export const server = setupServer(
  ...JOB_KINDS.map((kind) =>
    http.post(resultUrl(kind), () =>
      HttpResponse.json({ message: 'Job not found' }, { status: 404 }),
    ),
  ),
)

export const JOB_ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
export const OTHER_JOB_ID = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'

export interface ApiImageResult {
  url?: string | null
  revised_prompt?: string | null
}

export interface ApiImageJob {
  id: string
  status: string
  created?: string | number | null
  finished?: string | number | null
  model?: string | null
  results?: ApiImageResult[] | null
}

/** A 200 body of POST /async/images/result, PROCESSING unless told otherwise. */
export function imageJob(overrides: Partial<ApiImageJob> = {}): ApiImageJob {
  return {
    id: JOB_ID,
    status: 'PROCESSING',
    created: '2025-05-17T07:00:00.000Z',
    finished: null,
    model: 'Flux.1 [dev]',
    results: [],
    ...overrides,
  }
}

export interface JobCall {
  /** The `id` of the request body. */
  readonly id: string
  /** 1 for the first request this handler saw. */
  readonly number: number
}

export interface JobEndpoint {
  /** Job ids of the requests seen so far, in order. */
  readonly ids: readonly string[]
  readonly count: number
  /** Forget the requests seen so far (e.g. after the page has loaded). */
  reset(): void
}

/**
 * Answers POST /async/<kind>/result (images unless told) with `respond`, and records every request it
 * sees. The other kinds keep answering 404.
 */
export function serveJobs(
  respond: (call: JobCall) => Response | Promise<Response>,
  kind: BuiltInKind = 'images',
): JobEndpoint {
  const ids: string[] = []
  server.use(
    http.post(resultUrl(kind), async ({ request }) => {
      const body: unknown = await request.json()
      const id =
        typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
          ? body.id
          : ''
      ids.push(id)
      return respond({ id, number: ids.length })
    }),
  )
  return {
    ids,
    get count() {
      return ids.length
    },
    reset() {
      ids.length = 0
    },
  }
}
