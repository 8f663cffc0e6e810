// What the node side reads from the environment: one reader for the dev server (`npm start`) and for
// `npm run serve` (nginx), so a variable means the same thing in both and is refused for the same
// reasons. The key stays in this process: it is never put in the bundle, a VITE_ variable, a
// response, a log line or an error message.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isIP } from 'node:net'
import { isAbsolute } from 'node:path'
import {
  RATE_LIMIT_MAX,
  RECENT_DAYS_MAX,
  type RuntimeConfigFile,
  runtimeConfigSchema,
} from '../src/api/runtime-config.ts'

export const DEFAULT_API_URL = 'https://api.distribute.ai'
/** Loopback: the proxy holds the API key, so the network has to be asked for explicitly. */
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_RATE_LIMIT = 20
export const DEFAULT_RECENT_DAYS = 30

// ---------------------------------------------------------------------------------------------
// Single values

/**
 * The raw key goes into an HTTP header and into `proxy_set_header authorization "<key>";`: one
 * token of visible ASCII that nginx cannot misread. The messages never contain the key.
 */
export function checkApiKey(key: string): string {
  if (key === '') throw new Error('DISTRIBUTE_API_KEY is empty')
  if (/[\r\n]/.test(key)) {
    throw new Error('DISTRIBUTE_API_KEY must be a single line (it contains a line break)')
  }
  if (!/^[\x21-\x7e]+$/.test(key) || /["\\$;]/.test(key)) {
    throw new Error(
      'DISTRIBUTE_API_KEY must be one token of visible ASCII characters: no spaces, control ' +
        'characters or non-ASCII, and none of " \\ $ ; (it is not shown here)',
    )
  }
  return key
}

/** localhost, 127.0.0.0/8 or ::1: reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'))
}

/** An http(s) URL with nothing nginx could misread once it is put into the configuration. */
function parseUrl(name: string, raw: string): URL {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new Error(`${name} is not a valid URL: ${raw}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must be http(s), got ${url.protocol}`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(`${name} must not contain credentials`)
  }
  if (url.hash !== '') throw new Error(`${name} must not have a fragment`)
  if (/[\s"'\\$;{}]/.test(url.href)) {
    throw new Error(`${name} contains characters nginx cannot take: ${url.href}`)
  }
  return url
}

/**
 * The API base URL without a trailing slash. https unless the host is loopback: the key travels in
 * every request, and plain http would show it to anything on the way.
 */
export function checkApiUrl(raw: string): string {
  const url = parseUrl('DISTRIBUTE_API_URL', raw)
  if (url.search !== '') throw new Error('DISTRIBUTE_API_URL must not have a query string')
  const normalised = url.href.replace(/\/+$/, '')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(
      `DISTRIBUTE_API_URL must be https: the API key travels in every request (plain http is ` +
        `allowed only for a loopback host such as 127.0.0.1), got ${normalised}`,
    )
  }
  return normalised
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
  if (isIP(bare) === 6) return { host: bare, port, listen: `[${bare}]:${port}` }
  throw new Error(`JOBSCOPE_HOST must be a host name or IP address, got "${host}"`)
}

/** A file or folder path that goes inside double quotes in the nginx configuration. */
export function checkPath(name: string, path: string): string {
  if (!isAbsolute(path)) throw new Error(`${name} must be an absolute path: ${path}`)
  if (/["\\$\p{Cc}]/u.test(path)) {
    throw new Error(
      `${name} contains a character nginx cannot take (", \\, $ or a control character)`,
    )
  }
  return path
}

/** A readable, non-empty file at an absolute path. */
export function checkReadableFile(name: string, path: string): string {
  checkPath(name, path)
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new Error(`${name} is not a file: ${path}`)
  }
  try {
    if (readFileSync(path).length === 0) throw new Error('empty')
  } catch {
    throw new Error(`${name} cannot be read or is empty: ${path}`)
  }
  return path
}

/** A whole number within bounds from the environment; `fallback` when unset or blank. */
export function readWholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim() ?? ''
  if (raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

/** IPv4 or IPv6 address ranges: `10.0.0.0/8`, `2001:db8::/32`, or a single address. */
export function checkCidrs(raw: string): string[] {
  if (raw.trim() === '') return []
  return raw.split(',').map((part) => {
    const range = part.trim()
    const [address = '', bits, extra] = range.split('/')
    const family = isIP(address)
    const max = family === 6 ? 128 : 32
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > max))
    ) {
      throw new Error(
        `JOBSCOPE_ALLOW_CIDRS: "${range}" is not an address range (e.g. 10.0.0.0/8, 2001:db8::/32)`,
      )
    }
    return bits === undefined ? `${address}/${max}` : `${address}/${bits}`
  })
}

// ---------------------------------------------------------------------------------------------
// Groups of settings

export type Upstream =
  | { readonly mode: 'demo' }
  | { readonly mode: 'live'; readonly apiUrl: string; readonly apiKey: string }

export function readUpstream(env: NodeJS.ProcessEnv): Upstream {
  const apiKey = env.DISTRIBUTE_API_KEY?.trim() ?? ''
  if (apiKey === '') return { mode: 'demo' }
  return {
    mode: 'live',
    apiKey: checkApiKey(apiKey),
    apiUrl: checkApiUrl(env.DISTRIBUTE_API_URL?.trim() || DEFAULT_API_URL),
  }
}

/** Who may use a Jobscope that is reachable from the network (nginx only; see docs/decisions/010). */
export interface Access {
  /** htpasswd file: HTTP Basic on everything but /healthz. */
  readonly basicAuthFile: string | null
  /** Forward auth (oauth2-proxy's /oauth2/auth): 2xx lets a request in. */
  readonly authRequestUrl: string | null
  /** Where a page request without a session is sent (302, with rd=<the path>). */
  readonly authSigninUrl: string | null
  /** This site's public origin, to make rd= absolute (for a sign-in service on another host). */
  readonly publicUrl: string | null
  /** Client address ranges allowed (403 for others); empty: any address. */
  readonly allowCidrs: readonly string[]
  /** JOBSCOPE_ALLOW_ANONYMOUS=1: reachable from the network without any of the above. */
  readonly allowAnonymous: boolean
}

export const ACCESS_MODES_HINT =
  'set JOBSCOPE_BASIC_AUTH_FILE (an htpasswd file), JOBSCOPE_AUTH_REQUEST_URL (forward auth, ' +
  'e.g. oauth2-proxy) or JOBSCOPE_ALLOW_CIDRS (allowed client address ranges), or ' +
  'JOBSCOPE_ALLOW_ANONYMOUS=1 to accept that anyone who can reach it can read jobs with the API key'

export function readAccess(env: NodeJS.ProcessEnv): Access {
  const value = (name: string) => env[name]?.trim() || null
  const basicAuthFile = value('JOBSCOPE_BASIC_AUTH_FILE')
  const authRequestUrl = value('JOBSCOPE_AUTH_REQUEST_URL')
  const authSigninUrl = value('JOBSCOPE_AUTH_SIGNIN_URL')
  const publicUrl = value('JOBSCOPE_PUBLIC_URL')
  const anonymous = value('JOBSCOPE_ALLOW_ANONYMOUS')
  if (anonymous !== null && anonymous !== '1' && anonymous !== '0') {
    throw new Error(`JOBSCOPE_ALLOW_ANONYMOUS must be 1 or unset, got "${anonymous}"`)
  }
  if (basicAuthFile !== null && authRequestUrl !== null) {
    throw new Error(
      'Set JOBSCOPE_BASIC_AUTH_FILE or JOBSCOPE_AUTH_REQUEST_URL, not both: choose one way to sign in',
    )
  }
  if (authSigninUrl !== null && authRequestUrl === null) {
    throw new Error('JOBSCOPE_AUTH_SIGNIN_URL needs JOBSCOPE_AUTH_REQUEST_URL (forward auth)')
  }
  if (publicUrl !== null && authSigninUrl === null) {
    throw new Error(
      'JOBSCOPE_PUBLIC_URL is only used for the sign-in redirect: set JOBSCOPE_AUTH_SIGNIN_URL too',
    )
  }
  return {
    basicAuthFile:
      basicAuthFile === null
        ? null
        : checkHtpasswd(checkReadableFile('JOBSCOPE_BASIC_AUTH_FILE', basicAuthFile)),
    authRequestUrl:
      authRequestUrl === null
        ? null
        : checkNoQuery(
            'JOBSCOPE_AUTH_REQUEST_URL',
            parseUrl('JOBSCOPE_AUTH_REQUEST_URL', authRequestUrl),
          ).href,
    authSigninUrl: authSigninUrl === null ? null : checkSigninUrl(authSigninUrl),
    publicUrl: publicUrl === null ? null : checkPublicUrl(publicUrl),
    allowCidrs: checkCidrs(env.JOBSCOPE_ALLOW_CIDRS ?? ''),
    allowAnonymous: anonymous === '1',
  }
}

function checkNoQuery(name: string, url: URL): URL {
  if (url.search !== '') throw new Error(`${name} must not have a query string`)
  return url
}

/** Every line is `user:hash` (comments and blank lines aside); the hashes are not looked at. */
function checkHtpasswd(path: string): string {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const valid = lines.length > 0 && lines.every((line) => /^[^:\s]+:\S+$/.test(line))
  if (!valid) {
    throw new Error(
      `JOBSCOPE_BASIC_AUTH_FILE is not an htpasswd file (lines of user:hash, e.g. from ` +
        `\`printf 'ana:%s\\n' "$(openssl passwd -apr1)"\`): ${path}`,
    )
  }
  return path
}

/** A path on this site (/oauth2/start) or an http(s) URL; never protocol-relative. */
function checkSigninUrl(raw: string): string {
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    if (/[\s"'\\$;{}#]/.test(raw)) {
      throw new Error(`JOBSCOPE_AUTH_SIGNIN_URL contains characters nginx cannot take: ${raw}`)
    }
    return raw
  }
  return parseUrl('JOBSCOPE_AUTH_SIGNIN_URL', raw).href
}

/** An origin (https://jobscope.example.com), no path. */
function checkPublicUrl(raw: string): string {
  const url = parseUrl('JOBSCOPE_PUBLIC_URL', raw)
  if (url.pathname !== '/' || url.search !== '') {
    throw new Error(
      `JOBSCOPE_PUBLIC_URL must be an origin such as https://jobscope.example.com, got ${raw}`,
    )
  }
  return url.origin
}

export interface Listen {
  readonly host: string
  readonly port: number
  /** e.g. "127.0.0.1:8080" or "[::1]:8080". */
  readonly listen: string
  readonly loopback: boolean
}

export function readListen(env: NodeJS.ProcessEnv, defaultPort: number): Listen {
  const { host, port, listen } = checkListen(
    env.JOBSCOPE_HOST?.trim() || DEFAULT_HOST,
    env.PORT?.trim() || String(defaultPort),
  )
  return { host, port, listen, loopback: isLoopbackHost(host) }
}

/**
 * config.json for this environment, as both servers serve it: JOBSCOPE_ENV_LABEL,
 * JOBSCOPE_POLL_MIN_MS / _MAX_MS, JOBSCOPE_RATE_LIMIT and JOBSCOPE_RECENT_DAYS (`demo` is added
 * once the mode is known).
 */
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
  config.rateLimit = {
    perSecond: readWholeNumber(env, 'JOBSCOPE_RATE_LIMIT', DEFAULT_RATE_LIMIT, 1, RATE_LIMIT_MAX),
  }
  config.recentDays = readWholeNumber(
    env,
    'JOBSCOPE_RECENT_DAYS',
    DEFAULT_RECENT_DAYS,
    1,
    RECENT_DAYS_MAX,
  )
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

// ---------------------------------------------------------------------------------------------
// Everything, for one server

export interface ServerSettings {
  readonly listen: Listen
  readonly upstream: Upstream
  readonly access: Access
  /** config.json without `demo`. */
  readonly runtimeConfig: Omit<RuntimeConfigFile, 'demo'>
}

export type ServerKind =
  /** `npm start`: the Vite dev server, which has no sign-in of its own. */
  | 'dev'
  /** `npm run serve`: nginx with the access modes of deploy/nginx/jobscope.conf.template. */
  | 'nginx'

/**
 * Reads and checks every variable. A server reachable from the network (JOBSCOPE_HOST not loopback)
 * must have a way to keep strangers out, or the explicit JOBSCOPE_ALLOW_ANONYMOUS=1.
 */
export function readServerSettings(
  env: NodeJS.ProcessEnv,
  { server, defaultPort }: { server: ServerKind; defaultPort: number },
): ServerSettings {
  const listen = readListen(env, defaultPort)
  const upstream = readUpstream(env)
  const access = readAccess(env)
  const runtimeConfig = readRuntimeConfig(env)
  if (!listen.loopback && !access.allowAnonymous) {
    const where = `JOBSCOPE_HOST=${listen.host} is reachable from the network`
    if (server === 'dev') {
      throw new Error(
        `npm start refuses to start: ${where}, and the dev server has no sign-in. Use npm run ` +
          `serve (nginx) and ${ACCESS_MODES_HINT}.`,
      )
    }
    const { basicAuthFile, authRequestUrl, allowCidrs } = access
    if (basicAuthFile === null && authRequestUrl === null && allowCidrs.length === 0) {
      throw new Error(
        `npm run serve refuses to start: ${where}. To keep strangers out, ${ACCESS_MODES_HINT}.`,
      )
    }
  }
  return { listen, upstream, access, runtimeConfig }
}

/** The line the dev server prints at start: which mode, and in live mode which URL — never the key. */
export function describeUpstream(upstream: Upstream): string {
  return upstream.mode === 'demo'
    ? 'Jobscope: DEMO mode — DISTRIBUTE_API_KEY is not set, so a built-in demo upstream answers with simulated jobs.'
    : `Jobscope: LIVE mode — proxying job lookups to ${upstream.apiUrl} (API key from DISTRIBUTE_API_KEY).`
}
