// The settings every feature reads (proxy path, polling bounds, demo mode, environment label), resolved
// once at start-up from /config.json with safe defaults, and handed down through context.
import { createContext, type ReactNode, use } from 'react'
import { type RuntimeConfigResult, fetchRuntimeConfig } from '../api/runtime-config.ts'
import { DEFAULT_POLL_BOUNDS, type PollBounds } from '../jobs/polling-policy.ts'
import { DEFAULT_RECENT_DAYS, setRecentDays } from '../jobs/recent-days.ts'

export interface RuntimeConfig {
  readonly apiBase: string
  readonly demo: boolean
  readonly environmentLabel: string | null
  readonly pollBounds: PollBounds
  /** Lookups per second the proxy allows per person; null when config.json does not say. */
  readonly rateLimitPerSecond: number | null
  /** Days Recent lookups keeps an entry. */
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

/** Reads /config.json and applies what lives outside React (how long Recent keeps entries). */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const config = resolveRuntimeConfig(await fetchRuntimeConfig())
  setRecentDays(config.recentDays)
  return config
}

const RuntimeConfigContext = createContext<RuntimeConfig>(DEFAULT_RUNTIME_CONFIG)

export function RuntimeConfigProvider({
  value,
  children,
}: {
  value: RuntimeConfig
  children: ReactNode
}) {
  return <RuntimeConfigContext value={value}>{children}</RuntimeConfigContext>
}

export function useRuntimeConfig(): RuntimeConfig {
  return use(RuntimeConfigContext)
}
