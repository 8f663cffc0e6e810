// What the node side reads from the environment. The key stays in this process: it is never put in the
// bundle, a VITE_ variable, a response or a log line.

export const DEFAULT_API_URL = 'https://api.distribute.ai'

export type ServerSettings =
  | { readonly mode: 'demo' }
  | { readonly mode: 'live'; readonly apiUrl: string; readonly apiKey: string }

export function readServerSettings(env: NodeJS.ProcessEnv): ServerSettings {
  const apiKey = env.DISTRIBUTE_API_KEY?.trim() ?? ''
  if (apiKey === '') return { mode: 'demo' }
  const rawUrl = env.DISTRIBUTE_API_URL?.trim() || DEFAULT_API_URL
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    throw new Error(`DISTRIBUTE_API_URL is not a valid URL: ${rawUrl}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`DISTRIBUTE_API_URL must be http(s), got ${url.protocol}`)
  }
  // Header values must be visible ASCII; a pasted zero-width space would otherwise fail every lookup later.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new Error(
      'DISTRIBUTE_API_KEY must be one line of visible ASCII characters (no spaces or line breaks)',
    )
  }
  return { mode: 'live', apiUrl: url.href.replace(/\/+$/, ''), apiKey }
}

/** The line the server prints at start: which mode, and in live mode which URL — never the key. */
export function describeSettings(settings: ServerSettings): string {
  return settings.mode === 'demo'
    ? 'Jobscope: DEMO mode — DISTRIBUTE_API_KEY is not set, so a built-in demo upstream answers with simulated jobs.'
    : `Jobscope: LIVE mode — proxying job lookups to ${settings.apiUrl} (API key from DISTRIBUTE_API_KEY).`
}
