// Finding a job from its id alone. Nothing in a UUID says which kind of job it is, so a bare id is
// asked on every result endpoint — at most once each until the search concludes — and only the
// endpoint that answered 200 is asked after that (docs/decisions/011-job-kinds.md).
//
// The search concludes when the answer is certain:
//   - found: a kind answered 200 and every kind before it (in the registry's order) answered otherwise;
//   - not found: every kind answered 404;
//   - neither: some kind failed (5xx, network, bad response) and none answered 200 — that failure is
//     thrown, so it is retried like any other; the kinds that said 404 are remembered and not asked
//     again until the search concludes. A failure is never read as "not found".
import { ApiError, isApiError } from '../api/api-error.ts'
import type { JobBase } from '../api/job-base.ts'
import { postJobLookup } from '../api/job-lookup.ts'
import { type JobKind, kindsSentence } from '../lib/job-kinds.ts'
import type { RequestLimiter } from './request-limiter.ts'

/** One answer of a result endpoint: the job its kind parsed, and the body for the raw JSON view. */
export interface JobSnapshot {
  readonly job: JobBase
  readonly raw: unknown
}

/** What the search needs of the kind registry (src/kinds/registry.ts): its kinds, and their parsers. */
export interface KindParsers {
  /** Every kind, in the order a bare id is searched. */
  readonly names: readonly JobKind[]
  /** Any JSON value becomes a job of `kind` or a `bad-response` ApiError. */
  parse: (kind: JobKind, json: unknown, rawText: string, requestedId: string) => JobBase
}

/**
 * `parallel`: ask every endpoint at once (the answer comes in one round trip; the job page).
 * `sequential`: one after another in the registry's order, stopping at the first 200 (fewest requests when
 * a request limiter binds; the batch page).
 */
export type SearchStrategy = 'parallel' | 'sequential'

export interface FindJobOptions {
  readonly kinds: KindParsers
  readonly apiBase: string
  readonly signal?: AbortSignal
  readonly limiter?: RequestLimiter | undefined
  readonly strategy: SearchStrategy
  /**
   * Kinds that already answered 404 in this search, skipped; kinds answering 404 now are added. The
   * caller keeps it across retries and clears it when the search concludes.
   */
  readonly notFoundIn: Set<JobKind>
}

export interface FoundJob extends JobSnapshot {
  /** Other kinds that also answered 200 for this id (should not happen; shown as a note). */
  readonly alsoFoundIn: readonly JobKind[]
  /**
   * Parallel search answers as soon as the result is certain; endpoints still out then resolve this
   * with any that answered 200 too. Resolves with [] otherwise.
   */
  readonly laterAlsoFoundIn: Promise<readonly JobKind[]>
}

type Outcome =
  | { readonly kind: JobKind; readonly snapshot: JobSnapshot }
  | { readonly kind: JobKind; readonly error: unknown }

/**
 * Looks `id` up on `kinds` (one kind: just that endpoint). Resolves with the job, or throws an
 * ApiError: `not-found` naming every kind searched, or the failure that kept the search open.
 */
export async function findJob(
  id: string,
  kinds: readonly JobKind[],
  options: FindJobOptions,
): Promise<FoundJob> {
  const order = options.kinds.names.filter((kind) => kinds.includes(kind))
  const toAsk = order.filter((kind) => !options.notFoundIn.has(kind))
  if (options.strategy === 'sequential' || toAsk.length <= 1) {
    const outcomes = await askInSequence(id, toAsk, options)
    return conclude(order, outcomes, options.notFoundIn, Promise.resolve([]))
  }
  const { outcomes, later } = await askInParallel(id, toAsk, order, options)
  return conclude(order, outcomes, options.notFoundIn, later)
}

async function askInSequence(
  id: string,
  kinds: readonly JobKind[],
  options: FindJobOptions,
): Promise<Map<JobKind, Outcome>> {
  const outcomes = new Map<JobKind, Outcome>()
  for (const kind of kinds) {
    const outcome = await ask(id, kind, options.signal, options)
    outcomes.set(kind, outcome)
    if ('snapshot' in outcome) break
  }
  return outcomes
}

async function askInParallel(
  id: string,
  kinds: readonly JobKind[],
  order: readonly JobKind[],
  options: FindJobOptions,
): Promise<{ outcomes: Map<JobKind, Outcome>; later: Promise<readonly JobKind[]> }> {
  const outcomes = new Map<JobKind, Outcome>()
  const pending = new Map(kinds.map((kind) => [kind, ask(id, kind, options.signal, options)]))
  while (pending.size > 0 && !isDecided(order, outcomes, options.notFoundIn)) {
    const outcome = await Promise.race(pending.values())
    pending.delete(outcome.kind)
    outcomes.set(outcome.kind, outcome)
  }
  // The answer is certain; requests still out only tell whether another kind has this id too.
  const later = Promise.allSettled(pending.values()).then((settled) =>
    settled.flatMap((result) =>
      result.status === 'fulfilled' && 'snapshot' in result.value ? [result.value.kind] : [],
    ),
  )
  return { outcomes, later }
}

/** One endpoint, through the limiter when there is one. Never rejects, except for an abort. */
async function ask(
  id: string,
  kind: JobKind,
  signal: AbortSignal | undefined,
  { apiBase, limiter, kinds }: FindJobOptions,
): Promise<Outcome> {
  // No await without a limiter: a microtask here would let React render before the request leaves.
  const release = limiter ? await limiter.acquire(signal) : undefined
  try {
    const { json, text } = await postJobLookup(kind, id, { apiBase, signal })
    return { kind, snapshot: { job: kinds.parse(kind, json, text, id), raw: json } }
  } catch (error) {
    if (signal?.aborted) throw error
    return { kind, error }
  } finally {
    release?.()
  }
}

/** Whether the outcomes so far settle the answer, whatever the requests still out would say. */
function isDecided(
  order: readonly JobKind[],
  outcomes: ReadonlyMap<JobKind, Outcome>,
  notFoundIn: ReadonlySet<JobKind>,
): boolean {
  for (const kind of order) {
    if (notFoundIn.has(kind)) continue
    const outcome = outcomes.get(kind)
    if (outcome === undefined) return false
    if ('snapshot' in outcome) return true
  }
  return true
}

function isNotFound(outcome: Outcome): boolean {
  return 'error' in outcome && isApiError(outcome.error) && outcome.error.kind === 'not-found'
}

function conclude(
  order: readonly JobKind[],
  outcomes: ReadonlyMap<JobKind, Outcome>,
  notFoundIn: Set<JobKind>,
  later: Promise<readonly JobKind[]>,
): FoundJob {
  for (const outcome of outcomes.values()) if (isNotFound(outcome)) notFoundIn.add(outcome.kind)
  const found = order
    .map((kind) => outcomes.get(kind))
    .filter((outcome) => outcome !== undefined && 'snapshot' in outcome)
  const [first, ...others] = found
  if (first && 'snapshot' in first) {
    notFoundIn.clear()
    return {
      ...first.snapshot,
      alsoFoundIn: others.map((outcome) => outcome.kind),
      laterAlsoFoundIn: later,
    }
  }
  const failure = order
    .map((kind) => outcomes.get(kind))
    .find((outcome) => outcome !== undefined && 'error' in outcome && !isNotFound(outcome))
  const searchedNotFound = order.filter((kind) => notFoundIn.has(kind))
  if (failure && 'error' in failure) {
    const { error } = failure
    throw isApiError(error)
      ? error.with({ jobKind: failure.kind, notFoundIn: searchedNotFound })
      : error
  }
  // Every kind asked answered 404: the search is over, a later Refresh starts a new one.
  const lastNotFound = order
    .map((kind) => outcomes.get(kind))
    .find((outcome) => outcome !== undefined && 'error' in outcome)
  notFoundIn.clear()
  const apiMessage =
    lastNotFound && 'error' in lastNotFound && isApiError(lastNotFound.error)
      ? lastNotFound.error.apiMessage
      : undefined
  throw new ApiError('not-found', `No ${kindsSentence(order)} job has this id`, {
    status: 404,
    ...(apiMessage === undefined ? {} : { apiMessage }),
    notFoundIn: order,
    ...(order.length === 1 && order[0] ? { jobKind: order[0] } : {}),
  })
}
