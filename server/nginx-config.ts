// The production nginx configuration in deploy/nginx/ is a pair of ${NAME} templates (envsubst-compatible,
// so the official nginx image can fill them too). This module fills them for `npm run serve` and checks
// every value first: a value that could break out of its nginx string, or smuggle a directive into the
// CSP, is refused with a message that names the variable — never by printing the key.
import { isAbsolute } from 'node:path'
import { runtimeConfigSchema, type RuntimeConfigFile } from '../src/api/runtime-config.ts'
import { DEFAULT_API_URL } from './settings.ts'

export const DEFAULT_SERVE_PORT = 8080
export const DEFAULT_SERVE_HOST = '127.0.0.1'
/** Result images may be on any https CDN; a deployment can narrow this to its image hosts. */
export const DEFAULT_IMG_SRC = 'https:'
/** Debian's (and the official nginx image's) CA bundle, used to verify the API's certificate. */
export const DEFAULT_CA_CERTS = '/etc/ssl/certs/ca-certificates.crt'

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/**
 * Replaces every `${NAME}` in `text` with `vars[NAME]`. Throws when the template uses a placeholder
 * that `vars` does not define (or a malformed `${…}`), so a typo can never reach nginx, which would
 * read it as one of its own variables.
 */
export function renderTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  const unknown = new Set<string>()
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? ''
    if (!Object.hasOwn(vars, name)) unknown.add(name)
  }
  if (unknown.size > 0) {
    throw new Error(
      `Unknown template placeholder(s): ${[...unknown].map((n) => `\${${n}}`).join(', ')}`,
    )
  }
  const malformed = text.replace(PLACEHOLDER, '').match(/\$\{[^}\n]*\}?/)
  if (malformed) throw new Error(`Malformed template placeholder: ${malformed[0]}`)
  return text.replace(PLACEHOLDER, (_, name: string) => vars[name] ?? '')
}

/** The raw key goes into `proxy_set_header authorization "<key>";`: one token, nothing nginx interprets. */
export function checkApiKey(key: string): string {
  if (key === '') throw new Error('DISTRIBUTE_API_KEY is empty')
  if (/[\r\n]/.test(key)) throw new Error('DISTRIBUTE_API_KEY must be a single line')
  // Printable ASCII without space, `"`, `\`, `$` and `;`.
  if (!/^[\x21-\x7e]+$/.test(key) || /["\\$;]/.test(key)) {
    throw new Error(
      'DISTRIBUTE_API_KEY contains a character that cannot be put in the nginx configuration ' +
        '(spaces, control characters, non-ASCII, ", \\, $ and ; are refused)',
    )
  }
  return key
}

/** An http(s) base URL without query, fragment or trailing slash, safe as a `proxy_pass` argument. */
export function checkApiUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new Error(`DISTRIBUTE_API_URL is not a valid URL: ${raw}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`DISTRIBUTE_API_URL must be http(s), got ${url.protocol}`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('DISTRIBUTE_API_URL must not contain credentials')
  }
  if (url.search !== '' || url.hash !== '') {
    throw new Error('DISTRIBUTE_API_URL must not have a query string or fragment')
  }
  const normalised = url.href.replace(/\/+$/, '')
  if (/[\s"'\\$;{}]/.test(normalised)) {
    throw new Error(`DISTRIBUTE_API_URL contains characters nginx cannot take: ${normalised}`)
  }
  return normalised
}

/**
 * CSP img-src sources, space-separated: scheme sources (`https:`), hosts (`https://cdn.example.com`,
 * `*.example.com`, `http://127.0.0.1:9000`). Keywords and anything with quotes, `;` or `,` are
 * refused, so no other directive can be slipped into the policy.
 */
export function checkImgSrc(raw: string): string {
  const sources = raw.trim().split(/\s+/).filter(Boolean)
  if (sources.length === 0) throw new Error('JOBSCOPE_IMG_SRC is empty (use e.g. "https:")')
  for (const source of sources) {
    const scheme = /^[a-z][a-z0-9+.-]*:$/i.test(source)
    const host =
      /^([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?(\/[a-z0-9/._~%-]*)?$/i
    if (!scheme && !host.test(source)) {
      throw new Error(
        `JOBSCOPE_IMG_SRC: "${source}" is not a CSP scheme or host source (e.g. https: or https://cdn.example.com)`,
      )
    }
  }
  return sources.join(' ')
}

/** A file or folder path that goes inside double quotes in the config (and into `root`/`alias`). */
export function checkPath(name: string, path: string): string {
  if (!isAbsolute(path)) throw new Error(`${name} must be an absolute path: ${path}`)
  if (/["\\$\p{Cc}]/u.test(path)) {
    throw new Error(
      `${name} contains a character nginx cannot take (", \\, $ or a control character)`,
    )
  }
  return path
}

export function checkListen(
  host: string,
  portText: string,
): { host: string; port: number; listen: string } {
  const port = Number(portText)
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65_535) {
    throw new Error(`PORT must be a port number (1-65535), got "${portText}"`)
  }
  if (/^[a-z0-9.-]+$/i.test(host)) return { host, port, listen: `${host}:${port}` }
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  if (/^[0-9a-f:]+$/i.test(bare) && bare.includes(':')) {
    return { host: bare, port, listen: `[${bare}]:${port}` }
  }
  throw new Error(`HOST must be a host name or IP address, got "${host}"`)
}

export interface SiteSettings {
  /** nginx `listen` argument, e.g. "127.0.0.1:8080". */
  readonly listen: string
  /** Absolute path of dist/. */
  readonly root: string
  /** Absolute path of the config.json served at /config.json. */
  readonly configFile: string
  readonly imgSrc: string
  readonly caCerts: string
  readonly apiUrl: string
  /** Empty only for the demo upstream, which needs none (nginx then sends no authorization header). */
  readonly apiKey: string
}

export function siteTemplateVars(settings: SiteSettings): Record<string, string> {
  return {
    JOBSCOPE_LISTEN: settings.listen,
    JOBSCOPE_ROOT: checkPath('JOBSCOPE_ROOT', settings.root),
    JOBSCOPE_CONFIG_FILE: checkPath('JOBSCOPE_CONFIG_FILE', settings.configFile),
    JOBSCOPE_IMG_SRC: checkImgSrc(settings.imgSrc),
    JOBSCOPE_CA_CERTS: checkPath('JOBSCOPE_CA_CERTS', settings.caCerts),
    DISTRIBUTE_API_URL: checkApiUrl(settings.apiUrl),
    DISTRIBUTE_API_KEY: settings.apiKey === '' ? '' : checkApiKey(settings.apiKey),
  }
}

export function mainTemplateVars(runtimeDir: string, siteConf: string): Record<string, string> {
  return {
    JOBSCOPE_RUNTIME_DIR: checkPath('JOBSCOPE_RUNTIME_DIR', runtimeDir),
    JOBSCOPE_SITE_CONF: checkPath('JOBSCOPE_SITE_CONF', siteConf),
  }
}

// ---------------------------------------------------------------------------------------------
// What `npm run serve` reads from the environment.

export type ServeUpstream =
  | { readonly mode: 'demo' }
  | { readonly mode: 'live'; readonly apiUrl: string; readonly apiKey: string }

export interface ServeSettings {
  readonly host: string
  readonly port: number
  readonly listen: string
  readonly upstream: ServeUpstream
  /** CSP img-src sources from JOBSCOPE_IMG_SRC (the demo adds its own origin on top). */
  readonly imgSrc: string
  readonly caCerts: string
  /** config.json as served to the browser, without `demo` (set once the mode is known). */
  readonly runtimeConfig: Omit<RuntimeConfigFile, 'demo'>
}

export function readServeSettings(env: NodeJS.ProcessEnv): ServeSettings {
  const { host, port, listen } = checkListen(
    env.HOST?.trim() || DEFAULT_SERVE_HOST,
    env.PORT?.trim() || String(DEFAULT_SERVE_PORT),
  )
  const apiKey = env.DISTRIBUTE_API_KEY?.trim() ?? ''
  const upstream: ServeUpstream =
    apiKey === ''
      ? { mode: 'demo' }
      : {
          mode: 'live',
          apiUrl: checkApiUrl(env.DISTRIBUTE_API_URL?.trim() || DEFAULT_API_URL),
          apiKey: checkApiKey(apiKey),
        }
  return {
    host,
    port,
    listen,
    upstream,
    imgSrc: checkImgSrc(env.JOBSCOPE_IMG_SRC ?? defaultImgSrc(upstream)),
    caCerts: checkPath('JOBSCOPE_CA_CERTS', env.JOBSCOPE_CA_CERTS?.trim() || DEFAULT_CA_CERTS),
    runtimeConfig: readRuntimeConfig(env),
  }
}

/**
 * Without JOBSCOPE_IMG_SRC: any https host, plus the API's own origin when it is plain http (a
 * self-hosted or test API that serves its result images itself).
 */
export function defaultImgSrc(upstream: ServeUpstream): string {
  if (upstream.mode !== 'live') return DEFAULT_IMG_SRC
  const { protocol, origin } = new URL(upstream.apiUrl)
  return protocol === 'http:' ? `${DEFAULT_IMG_SRC} ${origin}` : DEFAULT_IMG_SRC
}

/** config.json for this environment from JOBSCOPE_ENV_LABEL and JOBSCOPE_POLL_MIN_MS / _MAX_MS. */
export function readRuntimeConfig(env: NodeJS.ProcessEnv): Omit<RuntimeConfigFile, 'demo'> {
  const config: RuntimeConfigFile = { apiBase: '/api' }
  const label = env.JOBSCOPE_ENV_LABEL?.trim()
  if (label) config.environmentLabel = label
  const min = env.JOBSCOPE_POLL_MIN_MS?.trim()
  const max = env.JOBSCOPE_POLL_MAX_MS?.trim()
  if (min || max) {
    if (!min || !max) {
      throw new Error('Set both JOBSCOPE_POLL_MIN_MS and JOBSCOPE_POLL_MAX_MS, or neither')
    }
    config.polling = { minMs: Number(min), maxMs: Number(max) }
  }
  // The browser validates the same file with the same schema; refuse here what it would ignore.
  const parsed = runtimeConfigSchema.safeParse(config)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = String(issue?.path.at(-1) ?? '')
    const variable =
      { minMs: 'JOBSCOPE_POLL_MIN_MS', maxMs: 'JOBSCOPE_POLL_MAX_MS' }[field] ??
      'JOBSCOPE_ENV_LABEL'
    const unit = variable === 'JOBSCOPE_ENV_LABEL' ? ' characters' : ' ms'
    const problem =
      issue?.code === 'too_small'
        ? `must be at least ${String(issue.minimum)}${unit}`
        : issue?.code === 'too_big'
          ? `must be at most ${String(issue.maximum)}${unit}`
          : 'must be a whole number of milliseconds'
    throw new Error(`${variable} ${problem}`)
  }
  if (config.polling && config.polling.minMs > config.polling.maxMs) {
    throw new Error('JOBSCOPE_POLL_MIN_MS must not be larger than JOBSCOPE_POLL_MAX_MS')
  }
  return config
}
