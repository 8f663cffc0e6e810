// The in-process stand-in for the Distribute.ai Async API, used when no API key is configured.
// It simulates the catalogue in src/lib/demo-jobs.ts on a clock, and deliberately varies
// the undocumented details (time formats, absent vs null fields, gateway HTML on 500) so the
// dashboard's defensive parsing is exercised in demo mode too.

import type { BuiltInKind } from '../src/lib/job-kinds.ts'
import { demoJobs, type DemoJob, type DemoScenario } from '../src/lib/demo-jobs.ts'
import { parseByteRange } from './byte-range.ts'
import { renderDemoAudio } from './demo-audio.ts'
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
  result(kind: BuiltInKind, rawBody: string, origin: string): UpstreamResponse
  /**
   * Answers POST /async/images/result. rawBody is the request body text; origin is e.g.
   * "http://localhost:5173", used to build absolute image URLs.
   */
  imagesResult(rawBody: string, origin: string): UpstreamResponse
  /** Answers GET <DEMO_IMAGE_PATH_PREFIX><rest>; undefined when the path is not a demo image. */
  image(pathname: string): UpstreamResponse | undefined
  /**
   * Answers GET or HEAD <DEMO_AUDIO_PATH_PREFIX><rest>, honouring one `Range` on GET; undefined when
   * the path is not a demo audio file. A HEAD answer has the GET headers and an empty body.
   */
  audio(pathname: string, method: string, range?: string): UpstreamResponse | undefined
}

export const DEMO_IMAGE_PATH_PREFIX = '/demo-images/'
export const DEMO_AUDIO_PATH_PREFIX = '/demo-audio/'

/** A job not polled for this long starts its timeline again, so the demo can be replayed. */
export const DEMO_IDLE_RESET_MS = 2 * 60 * 1000

const JOB_ID_PATTERN =
  /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-4[a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12}$/

// Strict on purpose: one UUID segment and a plain index, so nothing like `..` or `%2e` can pass.
const IMAGE_PATH_PATTERN =
  /^([a-fA-F0-9]{8}-[a-fA-F0-9]{4}-4[a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12})\/(0|[1-9][0-9]?)\.png$/
const AUDIO_PATH_PATTERN =
  /^([a-fA-F0-9]{8}-[a-fA-F0-9]{4}-4[a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12})\/(0|[1-9][0-9]?)\.wav$/

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

const CHAT_MODEL = 'Llama-3.1-8B-Instruct'
const SPEECH_MODEL = 'Chatterbox'

// A support-style answer that also asks for a tool: the view must show both text and the call.
const CHAT_TOOL_ANSWER = [
  'Thanks for getting in touch, and sorry about the wait on order #48213.',
  '',
  'Here is what I can see:',
  '- It left our Rotterdam warehouse on 12 May.',
  '- The carrier flagged it for a customs check on 14 May.',
  '- The new delivery estimate is 19–21 May.',
  '',
  'I have asked the carrier to open a trace, and you will get an email as soon as it moves.',
].join('\n')

const CHAT_TOOL_CALL = {
  id: 'call_7Qm2xV9kLp4Rt8Wn',
  type: 'function',
  function: {
    name: 'open_carrier_trace',
    arguments: JSON.stringify({ order_id: '48213', carrier: 'DHL', notify: ['email'] }),
  },
}

const CHAT_STOP_ANSWER = [
  'You can rotate an API key without downtime:',
  '1. Create a second key in the dashboard under Enterprise → API keys.',
  '2. Deploy it to every service that calls the API.',
  '3. Delete the old key once its request count stays at zero.',
].join('\n')

interface AudioSpec {
  /** The link "expired": the result lists it, but the audio route answers 404. */
  readonly expired: boolean
}

const speechAudio: Partial<Record<DemoScenario, readonly AudioSpec[]>> = {
  'speech-completes': [{ expired: false }, { expired: false }],
  'speech-expired': [{ expired: true }],
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
const CHAT_QUICK_PHASES: readonly Phase[] = [
  [0.5, 'CREATED'],
  [1.5, 'QUEUED'],
  [3, 'PROCESSING'],
]
// Every phase lasts at least a second, so a poller at its 1 s floor sees each status.
const CHAT_PROGRESS_PHASES: readonly Phase[] = [
  [1, 'CREATED'],
  [2.5, 'QUEUED'],
  [4, 'POSTPONED'],
  [5.5, 'ASSIGNED_CONNECTIONS'],
  [8, 'PROCESSING'],
]
const CHAT_ERROR_PHASES: readonly Phase[] = [
  [1, 'CREATED'],
  [2, 'QUEUED'],
  [4, 'PROCESSING'],
]
const SPEECH_PHASES: readonly Phase[] = [
  [1, 'CREATED'],
  [2, 'QUEUED'],
  [4, 'PROCESSING'],
]

function lastUntil(phases: readonly Phase[]): number {
  return phases[phases.length - 1]?.[0] ?? 0
}

const iso = (ms: number): string => new Date(ms).toISOString()
const epochSeconds = (ms: number): number => Math.floor(ms / 1000)

function json(status: number, body: unknown): UpstreamResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

const TEXT_HEADERS = { 'content-type': 'text/plain; charset=utf-8' }

function text(status: number, body: string): UpstreamResponse {
  return { status, headers: { ...TEXT_HEADERS }, body }
}

const notFound = (): UpstreamResponse => json(404, { message: 'Job not found' })

const AUDIO_HEADERS = {
  'content-type': 'audio/wav',
  'cache-control': 'public, max-age=3600',
  'accept-ranges': 'bytes',
}

/** A whole file, one byte range of it (206) or a 416, as GET or HEAD. */
function bytesResponse(
  bytes: Buffer,
  headers: Record<string, string>,
  method: 'GET' | 'HEAD',
  rangeHeader: string | undefined,
): UpstreamResponse {
  const size = bytes.length
  // RFC 9110 defines Range for GET only; HEAD describes the whole file.
  const range = method === 'GET' ? parseByteRange(rangeHeader, size) : undefined
  if (range === 'unsatisfiable') {
    return {
      status: 416,
      headers: {
        ...TEXT_HEADERS,
        'accept-ranges': 'bytes',
        'content-range': `bytes */${size}`,
      },
      body: 'range not satisfiable',
    }
  }
  const part = range ? bytes.subarray(range.start, range.end + 1) : bytes
  return {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      'content-length': String(part.length),
      ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${size}` } : {}),
    },
    body: method === 'HEAD' ? '' : part,
  }
}

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

  function result(kind: BuiltInKind, rawBody: string, origin: string): UpstreamResponse {
    const parsed = parseJobId(rawBody)
    if (typeof parsed === 'string') return json(400, { message: parsed })
    const job = findJob(parsed.id)
    // Only the job's own endpoint knows it, so a lookup by bare id has to ask the others first.
    if (!job || job.kind !== kind) return notFound()

    const at = now()
    const timeline = touch(job.id, at)
    return answers[job.scenario](job, timeline, (at - timeline.start) / 1000, origin)
  }

  function imagesAnswer(
    job: DemoJob,
    timeline: Timeline,
    t: number,
    origin: string,
  ): UpstreamResponse {
    const start = timeline.start
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
      default:
        // The catalogue gives these scenarios only to image jobs; anything else is not one.
        return notFound()
    }
  }

  function chatAnswer(job: DemoJob, timeline: Timeline, t: number): UpstreamResponse {
    const start = timeline.start
    const modelFields = { model: CHAT_MODEL, service_tier: 'default' }
    switch (job.scenario) {
      case 'chat-completes': {
        // Epoch seconds; `finished: null`, `usage: null` and no choices while pending.
        const status = statusAt(CHAT_QUICK_PHASES, 'COMPLETED', t)
        const created = epochSeconds(start)
        const done = status === 'COMPLETED'
        return json(200, {
          id: job.id,
          status,
          created,
          finished: done ? created + lastUntil(CHAT_QUICK_PHASES) : null,
          ...modelFields,
          usage: done ? { prompt_tokens: 412, completion_tokens: 96, total_tokens: 508 } : null,
          choices: done
            ? [
                {
                  index: 0,
                  finish_reason: 'tool_calls',
                  message: {
                    role: 'assistant',
                    content: CHAT_TOOL_ANSWER,
                    tool_calls: [CHAT_TOOL_CALL],
                  },
                },
              ]
            : [],
        })
      }
      case 'chat-progress': {
        // Epoch milliseconds, no `id` (chat bodies may leave it out), fields absent while pending.
        const status = statusAt(CHAT_PROGRESS_PHASES, 'COMPLETED', t)
        if (status !== 'COMPLETED') return json(200, { status, created: start, ...modelFields })
        return json(200, {
          status,
          created: start,
          finished: start + lastUntil(CHAT_PROGRESS_PHASES) * 1000,
          ...modelFields,
          usage: { prompt_tokens: 58, completion_tokens: 64, total_tokens: 122 },
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: CHAT_STOP_ANSWER },
            },
          ],
        })
      }
      case 'chat-error': {
        const status = statusAt(CHAT_ERROR_PHASES, 'ERROR', t)
        const created = epochSeconds(start)
        return json(200, {
          id: job.id,
          status,
          created,
          finished: status === 'ERROR' ? created + lastUntil(CHAT_ERROR_PHASES) : null,
          ...modelFields,
          usage: null,
          choices: [],
        })
      }
      default:
        // The catalogue gives chat scenarios only to chat jobs; anything else is not a chat job.
        return notFound()
    }
  }

  function speechAnswer(
    job: DemoJob,
    timeline: Timeline,
    t: number,
    origin: string,
  ): UpstreamResponse {
    const start = timeline.start
    const results = (speechAudio[job.scenario] ?? []).map((_, index) => ({
      url: `${origin}${DEMO_AUDIO_PATH_PREFIX}${job.id}/${index}.wav`,
    }))
    switch (job.scenario) {
      case 'speech-completes': {
        // Epoch seconds; `finished` absent (the docs make it optional) and no results while pending.
        const status = statusAt(SPEECH_PHASES, 'COMPLETED', t)
        const created = epochSeconds(start)
        if (status !== 'COMPLETED') {
          return json(200, { id: job.id, status, created, model: SPEECH_MODEL, results: [] })
        }
        return json(200, {
          id: job.id,
          status,
          created,
          finished: created + lastUntil(SPEECH_PHASES),
          model: SPEECH_MODEL,
          results,
        })
      }
      case 'speech-expired': {
        // Finished hours ago, in epoch milliseconds: long enough for a real link to have expired.
        const created = start - 5 * 60 * 60 * 1000
        return json(200, {
          id: job.id,
          status: 'COMPLETED',
          created,
          finished: created + 6 * 1000,
          model: SPEECH_MODEL,
          results,
        })
      }
      default:
        return notFound()
    }
  }

  /**
   * How each scenario answers its own kind's endpoint, `t` seconds into its timeline. Keyed by the
   * scenario, not the kind: a kind's demo jobs are scenarios of the catalogue (src/lib/demo-jobs.ts),
   * and a kind without any needs nothing here (its endpoint answers 404 for every demo id).
   */
  const answers: Record<
    DemoScenario,
    (job: DemoJob, timeline: Timeline, t: number, origin: string) => UpstreamResponse
  > = {
    completes: imagesAnswer,
    'completes-slowly': imagesAnswer,
    error: imagesAnswer,
    postponed: imagesAnswer,
    flaky: imagesAnswer,
    'unknown-status': imagesAnswer,
    'expired-image': imagesAnswer,
    'not-found': notFound,
    'chat-completes': chatAnswer,
    'chat-progress': chatAnswer,
    'chat-error': chatAnswer,
    'speech-completes': speechAnswer,
    'speech-expired': speechAnswer,
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

  function audio(pathname: string, method: string, range?: string): UpstreamResponse | undefined {
    if (!pathname.startsWith(DEMO_AUDIO_PATH_PREFIX)) return undefined
    if (method !== 'GET' && method !== 'HEAD') {
      return { ...text(405, 'use GET or HEAD'), headers: { ...TEXT_HEADERS, allow: 'GET, HEAD' } }
    }
    const match = AUDIO_PATH_PATTERN.exec(pathname.slice(DEMO_AUDIO_PATH_PREFIX.length))
    const id = match?.[1]
    const index = Number(match?.[2])
    const job = id === undefined ? undefined : findJob(id)
    const spec = job ? speechAudio[job.scenario]?.[index] : undefined
    if (!spec) return text(404, 'not found')
    if (spec.expired) return text(404, 'expired')
    return bytesResponse(renderDemoAudio(index), AUDIO_HEADERS, method, range)
  }

  return {
    result,
    imagesResult: (rawBody, origin) => result('images', rawBody, origin),
    image,
    audio,
  }
}
