// The settings every feature reads (proxy path, polling bounds, demo mode, environment label), resolved
// once at start-up from /config.json with safe defaults, and handed down through context.
import { createContext, type ReactNode, use } from 'react'
import { type RuntimeConfigResult, fetchRuntimeConfig } from '../api/runtime-config.ts'
import { DEFAULT_POLL_BOUNDS, type PollBounds } from '../jobs/polling-policy.ts'

export interface RuntimeConfig {
  readonly apiBase: string
  readonly demo: boolean
  readonly environmentLabel: string | null
  readonly pollBounds: PollBounds
  /** Set when /config.json was missing or invalid and the defaults are in use. */
  readonly warning: string | null
}

export const DEFAULT_RUNTIME_CONFIG: RuntimeConfig = {
  apiBase: '/api',
  demo: false,
  environmentLabel: null,
  pollBounds: DEFAULT_POLL_BOUNDS,
  warning: null,
}

export function resolveRuntimeConfig(result: RuntimeConfigResult): RuntimeConfig {
  if (!result.ok) {
    return { ...DEFAULT_RUNTIME_CONFIG, warning: `${result.problem}; using default settings.` }
  }
  const { apiBase, demo, environmentLabel, polling } = result.config
  const pollingValid = polling === undefined || polling.minMs <= polling.maxMs
  return {
    apiBase: apiBase?.replace(/\/+$/, '') ?? DEFAULT_RUNTIME_CONFIG.apiBase,
    demo: demo ?? false,
    environmentLabel: environmentLabel?.trim() || null,
    pollBounds: polling && pollingValid ? polling : DEFAULT_POLL_BOUNDS,
    warning: pollingValid
      ? null
      : 'polling.minMs is larger than polling.maxMs; using default polling.',
  }
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  return resolveRuntimeConfig(await fetchRuntimeConfig())
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
