// The in-process stand-in for the Distribute.ai Async API, used when no API key is configured.
// It simulates the catalogue in src/lib/demo-jobs.ts on a clock, and deliberately varies
// the undocumented details (time formats, absent vs null fields, gateway HTML on 500) so the
// dashboard's defensive parsing is exercised in demo mode too.

import type { JobKind } from '../src/api/job-kinds.ts'
import { demoJobs, type DemoJob, type DemoScenario } from '../src/lib/demo-jobs.ts'
import { renderDemoImage } from './demo-images.ts'

export interface UpstreamResponse {
  status: number
  headers: Record<string, string>
  body: string | Buffer
}

export interface DemoUpstreamOptions {
  /** Milliseconds since the epoch; injectable so tests can drive the timelines. */
  now?: () => number
}

export interface DemoUpstream {
  /**
   * Answers POST /async/<kind>/result: a job of another kind (or none) is a 404, as the API's
   * endpoints each know only their own jobs.
   */
  result(kind: JobKind, rawBody: string, origin: string): UpstreamResponse
  /**
   * Answers POST /async/images/result. rawBody is the request body text; origin is e.g.
   * "http://localhost:5173", used to build absolute image URLs.
   */
  imagesResult(rawBody: string, origin: string): UpstreamResponse
  /** Answers GET <DEMO_IMAGE_PATH_PREFIX><rest>; undefined when the path is not a demo image. */
  image(pathname: string): UpstreamResponse | undefined
}

export const DEMO_IMAGE_PATH_PREFIX = '/demo-images/'

/** A job not polled for this long starts its timeline again, so the demo can be replayed. */
export const DEMO_IDLE_RESET_MS = 2 * 60 * 1000

const JOB_ID_PATTERN =
  /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-4[a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12}$/

// Strict on purpose: one UUID segment and a plain index, so nothing like `..` or `%2e` can pass.
const IMAGE_PATH_PATTERN =
  /^([a-fA-F0-9]{8}-[a-fA-F0-9]{4}-4[a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12})\/(0|[1-9][0-9]?)\.png$/

const JSON_TYPE = 'application/json; charset=utf-8'

const GATEWAY_ERROR_HTML =
  '<html><head><title>500 Internal Server Error</title></head>' +
  '<body><h1>500 Internal Server Error</h1><hr><center>nginx</center></body></html>'

interface ImageSpec {
  readonly prompt: string
  /** The link "expired": the result lists it, but the image route answers 404. */
  readonly expired?: boolean
}

interface JobContent {
  readonly model: string
  readonly images: readonly ImageSpec[]
}

// Only scenarios that ever report results need content; the rest share a model name.
const DEFAULT_MODEL = 'Flux.1 [dev]'

const content: Partial<Record<DemoScenario, JobContent>> = {
  completes: {
    model: DEFAULT_MODEL,
    images: [
      {
        prompt:
          'A quiet alpine valley at dusk, layered blue-violet ridges fading into haze beneath a ' +
          'pale full moon. Soft volumetric light, muted palette, wide-angle landscape photograph.',
      },
      {
        prompt:
          'Out-of-focus city lights at night rendered as large overlapping bokeh discs in warm ' +
          'amber and rose. Shallow depth of field, 85 mm lens, dreamy and cinematic.',
      },
      {
        prompt:
          'Abstract flowing bands of violet and magenta paint, like marbled paper. Smooth ' +
          'gradients, high detail, studio lighting.',
      },
      {
        prompt:
          'A desert mesa silhouetted against a peach sunset with a large glowing sun low on the ' +
          'horizon. Minimalist composition, film grain, golden hour.',
      },
    ],
  },
  'completes-slowly': {
    model: 'SDXL Lightning',
    images: [
      {
        prompt:
          'Rolling ochre hills under a hazy sky, drawn as layered paper cut-outs. Warm earthy ' +
          'tones, gentle shadows between the layers, children’s book illustration.',
      },
    ],
  },
  flaky: {
    model: DEFAULT_MODEL,
    images: [
      {
        prompt:
          'Soft glowing orbs of violet and teal light drifting over a dark background, like ' +
          'fireflies seen through a misted window. Macro photograph, shallow depth of field.',
      },
      {
        prompt:
          'Stylised ocean waves in rust, mustard and cream stripes, 1970s poster aesthetic. Flat ' +
          'colour, clean vector shapes.',
      },
      {
        prompt:
          'A misty teal forest valley at dawn with a cold white sun rising behind two mountain ' +
          'ridges. Atmospheric perspective, calm and serene.',
      },
    ],
  },
  'expired-image': {
    model: DEFAULT_MODEL,
    images: [
      {
        prompt:
          'Sea-green aurora ribbons rippling across a polar night sky, reflected in still water. ' +
          'Long exposure, vivid but natural colours.',
      },
      {
        prompt:
          'Translucent soap bubbles floating over a deep navy backdrop, catching cyan and mint ' +
          'highlights. Product-photography lighting, crisp edges.',
        expired: true,
      },
    ],
  },
}

interface Timeline {
  /** Clock time (ms) the timeline started: the first request, or the first after an idle gap. */
  start: number
  lastRequest: number
  /** Requests in this timeline, including the current one. */
  requests: number
}

type Phase = readonly [untilSeconds: number, status: string]

/** The status at `t` seconds: the first phase not yet over, or `terminal` after the last. */
function statusAt(phases: readonly Phase[], terminal: string, t: number): string {
  for (const [until, status] of phases) if (t < until) return status
  return terminal
}

const COMPLETES_PHASES: readonly Phase[] = [
  [1, 'CREATED'],
  [2.5, 'QUEUED'],
  [3.5, 'ASSIGNED_CONNECTIONS'],
  [7, 'PROCESSING'],
]
const SLOW_PHASES: readonly Phase[] = [
  [1, 'CREATED'],
  [8, 'QUEUED'],
  [12, 'POSTPONED'],
  [14, 'QUEUED'],
  [15, 'ASSIGNED_CONNECTIONS'],
  [20, 'PROCESSING'],
]
const ERROR_PHASES: readonly Phase[] = [
  [1, 'CREATED'],
  [2, 'QUEUED'],
  [5, 'PROCESSING'],
]

function lastUntil(phases: readonly Phase[]): number {
  return phases[phases.length - 1]?.[0] ?? 0
}

const iso = (ms: number): string => new Date(ms).toISOString()
const epochSeconds = (ms: number): number => Math.floor(ms / 1000)

function json(status: number, body: unknown): UpstreamResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

function text(status: number, body: string): UpstreamResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body }
}

const notFound = (): UpstreamResponse => json(404, { message: 'Job not found' })

/** Parses and validates the request body; a string is the 400 message. */
function parseJobId(rawBody: string): { id: string } | string {
  let parsed: unknown
  try {
    parsed = JSON.parse(rawBody)
  } catch {
    return 'Request body must be valid JSON'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'Request body must be a JSON object'
  }
  const id: unknown = (parsed as Record<string, unknown>)['id']
  if (id === undefined) return 'body must have required property "id"'
  if (typeof id !== 'string') return 'body/id must be string'
  if (!JOB_ID_PATTERN.test(id)) return `body/id must match pattern "${JOB_ID_PATTERN.source}"`
  return { id }
}

function findJob(id: string): DemoJob | undefined {
  const wanted = id.toLowerCase()
  return demoJobs.find((job) => job.id.toLowerCase() === wanted)
}

export function createDemoUpstream(options: DemoUpstreamOptions = {}): DemoUpstream {
  const now = options.now ?? Date.now
  // Keyed by the catalogue id; bounded by the catalogue's size.
  const timelines = new Map<string, Timeline>()

  function touch(jobId: string, at: number): Timeline {
    const existing = timelines.get(jobId)
    if (existing && at - existing.lastRequest < DEMO_IDLE_RESET_MS) {
      existing.lastRequest = at
      existing.requests += 1
      return existing
    }
    const fresh: Timeline = { start: at, lastRequest: at, requests: 1 }
    timelines.set(jobId, fresh)
    return fresh
  }

  function results(job: DemoJob, origin: string): { url: string; revised_prompt: string }[] {
    return (content[job.scenario]?.images ?? []).map((image, index) => ({
      url: `${origin}${DEMO_IMAGE_PATH_PREFIX}${job.id}/${index}.png`,
      revised_prompt: image.prompt,
    }))
  }

  function imagesResult(rawBody: string, origin: string): UpstreamResponse {
    const parsed = parseJobId(rawBody)
    if (typeof parsed === 'string') return json(400, { message: parsed })
    const job = findJob(parsed.id)
    if (!job || job.kind !== 'images') return notFound()

    const at = now()
    const timeline = touch(job.id, at)
    const start = timeline.start
    const t = (at - start) / 1000
    const model = content[job.scenario]?.model ?? DEFAULT_MODEL
    const base = { id: job.id }

    switch (job.scenario) {
      case 'completes':
      case 'flaky': {
        // Every third request of a timeline fails the way a gateway in front of the API would.
        if (job.scenario === 'flaky' && timeline.requests % 3 === 0) {
          return {
            status: 500,
            headers: { 'content-type': 'text/html; charset=utf-8' },
            body: GATEWAY_ERROR_HTML,
          }
        }
        const status = statusAt(COMPLETES_PHASES, 'COMPLETED', t)
        const done = status === 'COMPLETED'
        return json(200, {
          ...base,
          status,
          created: iso(start),
          finished: done ? iso(start + lastUntil(COMPLETES_PHASES) * 1000) : null,
          model,
          results: done ? results(job, origin) : [],
        })
      }
      case 'completes-slowly': {
        // Epoch seconds, and absent (not null) fields while pending, as the sibling endpoints do.
        const status = statusAt(SLOW_PHASES, 'COMPLETED', t)
        const created = epochSeconds(start)
        if (status !== 'COMPLETED') return json(200, { ...base, status, created, model })
        return json(200, {
          ...base,
          status,
          created,
          finished: created + lastUntil(SLOW_PHASES),
          model,
          results: results(job, origin),
        })
      }
      case 'error': {
        const status = statusAt(ERROR_PHASES, 'ERROR', t)
        return json(200, {
          ...base,
          status,
          created: iso(start),
          finished: status === 'ERROR' ? iso(start + lastUntil(ERROR_PHASES) * 1000) : null,
          model,
          results: [],
        })
      }
      case 'postponed':
        return json(200, {
          ...base,
          status: t < 1 ? 'CREATED' : 'POSTPONED',
          created: iso(start),
          finished: null,
          model,
          results: null,
        })
      case 'unknown-status':
        return json(200, {
          ...base,
          status: 'CANCELLED_BY_OPERATOR',
          created: iso(start),
          finished: null,
          model,
          results: [],
          priority: 3,
        })
      case 'not-found':
      case 'chat-completes':
      case 'chat-progress':
      case 'chat-error':
      case 'speech-completes':
      case 'speech-expired':
        return notFound()
      case 'expired-image': {
        // Finished hours ago; epoch milliseconds here, to vary the time format once more.
        const created = start - 3 * 60 * 60 * 1000
        return json(200, {
          ...base,
          status: 'COMPLETED',
          created,
          finished: created + 42 * 1000,
          model,
          results: results(job, origin),
        })
      }
    }
  }

  function image(pathname: string): UpstreamResponse | undefined {
    if (!pathname.startsWith(DEMO_IMAGE_PATH_PREFIX)) return undefined
    const match = IMAGE_PATH_PATTERN.exec(pathname.slice(DEMO_IMAGE_PATH_PREFIX.length))
    const id = match?.[1]
    const index = Number(match?.[2])
    const job = id === undefined ? undefined : findJob(id)
    const spec = job ? content[job.scenario]?.images[index] : undefined
    if (!job || !spec) return text(404, 'not found')
    if (spec.expired) return text(404, 'expired')
    return {
      status: 200,
      headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' },
      body: renderDemoImage(job.id, index),
    }
  }

  function result(kind: JobKind, rawBody: string, origin: string): UpstreamResponse {
    if (kind === 'images') return imagesResult(rawBody, origin)
    const parsed = parseJobId(rawBody)
    if (typeof parsed === 'string') return json(400, { message: parsed })
    return notFound()
  }

  return { result, imagesResult, image }
}
