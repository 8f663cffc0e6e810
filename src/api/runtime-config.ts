// GET /config.json: deployment settings the same build reads at start-up (served by the dev server,
// or a static file next to index.html in production). Parsed strictly; the caller decides the fallback.
import * as z from 'zod/mini'

export const RATE_LIMIT_MAX = 1_000
export const RECENT_DAYS_MAX = 365

export const runtimeConfigSchema = z.object({
  /** Path prefix of the proxy, e.g. "/api". */
  apiBase: z.optional(z.string().check(z.regex(/^\/(?!\/)[A-Za-z0-9/_-]*$/))),
  /** True when the dev server or deployment answers with the built-in demo upstream. */
  demo: z.optional(z.boolean()),
  /** A label shown in the header, such as "EU production". */
  environmentLabel: z.optional(z.nullable(z.string().check(z.maxLength(60)))),
  polling: z.optional(
    z.object({
      minMs: z.number().check(z.int(), z.gte(250), z.lte(60_000)),
      maxMs: z.number().check(z.int(), z.gte(1_000), z.lte(600_000)),
    }),
  ),
  /** The proxy's limit on lookups per second per person (nginx answers 429 above it). */
  rateLimit: z.optional(
    z.object({ perSecond: z.number().check(z.int(), z.gte(1), z.lte(RATE_LIMIT_MAX)) }),
  ),
  /** How many days Recent lookups keeps an entry in this browser. */
  recentDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(RECENT_DAYS_MAX))),
})

export type RuntimeConfigFile = z.infer<typeof runtimeConfigSchema>

export type RuntimeConfigResult =
  | { readonly ok: true; readonly config: RuntimeConfigFile }
  | { readonly ok: false; readonly problem: string }

export async function fetchRuntimeConfig(
  url = '/config.json',
  timeoutMs = 5_000,
): Promise<RuntimeConfigResult> {
  let text: string
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' })
    if (!response.ok) return { ok: false, problem: `${url} answered HTTP ${response.status}` }
    text = await response.text()
  } catch {
    return { ok: false, problem: `${url} could not be loaded` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, problem: `${url} is not valid JSON` }
  }
  const parsed = runtimeConfigSchema.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const where = first ? first.path.map(String).join('.') || 'file' : 'file'
    return {
      ok: false,
      problem: `${url} is invalid (${where}: ${first?.message ?? 'unknown problem'})`,
    }
  }
  return { ok: true, config: parsed.data }
}
