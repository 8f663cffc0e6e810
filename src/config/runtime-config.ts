// The settings every feature reads (proxy path, polling bounds, demo mode, environment label, limits),
// resolved once at start-up from /config.json with safe defaults. The app is given them as a part of
// its scope (configPart); components read them with useRuntimeConfig().
import { type RuntimeConfigResult, fetchRuntimeConfig } from '../api/runtime-config.ts'
import { givenPart } from '../lib/app-scope.ts'

/** How often a job is polled: from minMs while it moves, backing off to maxMs while it sits still. */
export interface PollBounds {
  /** First interval while a job moves. */
  readonly minMs: number
  /** Longest interval, reached when a job stays in one status for a long time. */
  readonly maxMs: number
}

export const DEFAULT_POLL_BOUNDS: PollBounds = { minMs: 1_000, maxMs: 10_000 }

/** How many days Recent keeps what it remembers, unless config.json says otherwise. */
export const DEFAULT_RECENT_DAYS = 30

export interface RuntimeConfig {
  readonly apiBase: string
  readonly demo: boolean
  readonly environmentLabel: string | null
  readonly pollBounds: PollBounds
  /** Lookups per second the proxy allows per person; null when config.json does not say. */
  readonly rateLimitPerSecond: number | null
  /** Days Recent keeps an entry (pinned or not). */
  readonly recentDays: number
  /** Set when /config.json was missing or invalid and the defaults are in use. */
  readonly warning: string | null
}

export const DEFAULT_RUNTIME_CONFIG: RuntimeConfig = {
  apiBase: '/api',
  demo: false,
  environmentLabel: null,
  pollBounds: DEFAULT_POLL_BOUNDS,
  rateLimitPerSecond: null,
  recentDays: DEFAULT_RECENT_DAYS,
  warning: null,
}

export function resolveRuntimeConfig(result: RuntimeConfigResult): RuntimeConfig {
  if (!result.ok) {
    return { ...DEFAULT_RUNTIME_CONFIG, warning: `${result.problem}; using default settings.` }
  }
  const { apiBase, demo, environmentLabel, polling, rateLimit, recentDays } = result.config
  const pollingValid = polling === undefined || polling.minMs <= polling.maxMs
  return {
    apiBase: apiBase?.replace(/\/+$/, '') ?? DEFAULT_RUNTIME_CONFIG.apiBase,
    demo: demo ?? false,
    environmentLabel: environmentLabel?.trim() || null,
    pollBounds: polling && pollingValid ? polling : DEFAULT_POLL_BOUNDS,
    rateLimitPerSecond: rateLimit?.perSecond ?? null,
    recentDays: recentDays ?? DEFAULT_RECENT_DAYS,
    warning: pollingValid
      ? null
      : 'polling.minMs is larger than polling.maxMs; using default polling.',
  }
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  return resolveRuntimeConfig(await fetchRuntimeConfig())
}

/** This app's settings: given when the app is made (src/app/create-app.ts). */
export const configPart = givenPart<RuntimeConfig>('settings')
