// The production nginx configuration in deploy/nginx/ is a pair of ${NAME} templates (envsubst-compatible,
// so the official nginx image can fill them too). This module fills them for `npm run serve` and checks
// every value first: a value that could break out of its nginx string, or smuggle a directive into the
// CSP, is refused with a message that names the variable — never by printing the key. The settings
// themselves are read by server/settings.ts, the same reader the dev server uses.
import { isIP } from 'node:net'
import {
  type Access,
  DEFAULT_RATE_LIMIT,
  type ServerSettings,
  type Upstream,
  checkApiKey,
  checkApiUrl,
  checkPath,
  checkReadableFile,
  readServerSettings,
} from './settings.ts'

export const DEFAULT_SERVE_PORT = 8080
/** Result images and audio may be on any https CDN; a deployment can narrow this to its hosts. */
export const DEFAULT_MEDIA_SOURCES = 'https:'
/** Debian's (and the official nginx image's) CA bundle, used to verify the API's certificate. */
export const DEFAULT_CA_CERTS = '/etc/ssl/certs/ca-certificates.crt'
/** Lookups one person may have in flight at once: four batch tabs at their cap of 6 each. */
export const LOOKUPS_IN_FLIGHT_PER_CLIENT = 24

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

/**
 * CSP sources, space-separated: scheme sources (`https:`), hosts (`https://cdn.example.com`,
 * `*.example.com`, `http://127.0.0.1:9000`). Keywords and anything with quotes, `;` or `,` are
 * refused, so no other directive can be slipped into the policy.
 */
export function checkSources(name: string, raw: string): string {
  const sources = raw.trim().split(/\s+/).filter(Boolean)
  if (sources.length === 0) throw new Error(`${name} is empty (use e.g. "https:")`)
  for (const source of sources) {
    const scheme = /^[a-z][a-z0-9+.-]*:$/i.test(source)
    const host =
      /^([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?(\/[a-z0-9/._~%-]*)?$/i
    if (!scheme && !host.test(source)) {
      throw new Error(
        `${name}: "${source}" is not a CSP scheme or host source (e.g. https: or https://cdn.example.com)`,
      )
    }
  }
  return sources.join(' ')
}

export const checkImgSrc = (raw: string) => checkSources('JOBSCOPE_IMG_SRC', raw)
export const checkMediaSrc = (raw: string) => checkSources('JOBSCOPE_MEDIA_SRC', raw)

/** nginx `resolver` addresses: IPv4 or IPv6 (bracketed here), with an optional port. */
export function checkResolvers(raw: string): string[] {
  const parts = raw
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0) throw new Error('JOBSCOPE_RESOLVER is empty')
  return parts.map((part) => {
    const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(part)
    if (v6 && isIP(v6[1] ?? '') === 6) return part
    if (isIP(part) === 6) return `[${part}]`
    const [address = '', port] = part.split(':')
    if (isIP(address) === 4 && (port === undefined || /^\d{1,5}$/.test(port))) return part
    throw new Error(
      `JOBSCOPE_RESOLVER: "${part}" is not a DNS server address (e.g. 10.0.0.2 or [fd00::53]:53)`,
    )
  })
}

/**
 * The nameservers of /etc/resolv.conf, for nginx's `resolver`. With none, the C library asks the
 * local machine (resolv.conf(5)), and so does this: 127.0.0.1.
 */
export function resolversFromResolvConf(text: string): string[] {
  const found = text
    .split('\n')
    .map((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1] ?? '')
    .filter((address) => isIP(address) !== 0)
    .map((address) => (isIP(address) === 6 ? `[${address}]` : address))
  return found.length > 0 ? found : ['127.0.0.1']
}

export interface TlsFiles {
  readonly cert: string
  readonly key: string
}

/** Everything jobscope.conf.template needs. */
export interface SiteSettings {
  /** nginx `listen` address, e.g. "127.0.0.1:8080" or "8080". */
  readonly listen: string
  /** Absolute path of dist/. */
  readonly root: string
  /** Absolute path of the config.json served at /config.json. */
  readonly configFile: string
  readonly imgSrc: string
  readonly mediaSrc: string
  readonly caCerts: string
  readonly apiUrl: string
  /** Empty only for the demo upstream, which needs none (nginx then sends no authorization header). */
  readonly apiKey: string
  readonly access: Access
  readonly rateLimitPerSecond: number
  readonly tls: TlsFiles | null
  readonly auditLog: string
  readonly accessLog: string
  readonly resolvers: readonly string[]
}

/** `10.0.0.0/8 1; …` for the template's geo block; everyone when no range is set. */
export function allowGeo(cidrs: readonly string[]): string {
  return cidrs.length === 0 ? 'default 1;' : `default 0; ${cidrs.map((c) => `${c} 1;`).join(' ')}`
}

/**
 * The placeholders of jobscope.conf.template. The JOBSCOPE_NGINX_* ones are computed from the
 * others (deploy/docker/jobscope-settings.envsh computes the same for the container).
 */
export function siteTemplateVars(site: SiteSettings): Record<string, string> {
  const { access, tls } = site
  return {
    JOBSCOPE_LISTEN: site.listen,
    JOBSCOPE_ROOT: checkPath('JOBSCOPE_ROOT', site.root),
    JOBSCOPE_CONFIG_FILE: checkPath('JOBSCOPE_CONFIG_FILE', site.configFile),
    JOBSCOPE_IMG_SRC: checkImgSrc(site.imgSrc),
    JOBSCOPE_MEDIA_SRC: checkMediaSrc(site.mediaSrc),
    JOBSCOPE_CA_CERTS: checkPath('JOBSCOPE_CA_CERTS', site.caCerts),
    DISTRIBUTE_API_URL: checkApiUrl(site.apiUrl),
    DISTRIBUTE_API_KEY: site.apiKey === '' ? '' : checkApiKey(site.apiKey),
    JOBSCOPE_BASIC_AUTH_FILE: access.basicAuthFile ?? '',
    JOBSCOPE_AUTH_REQUEST_URL: access.authRequestUrl ?? '',
    JOBSCOPE_AUTH_SIGNIN_URL: access.authSigninUrl ?? '',
    JOBSCOPE_PUBLIC_URL: access.publicUrl ?? '',
    JOBSCOPE_RATE_LIMIT: String(site.rateLimitPerSecond),
    JOBSCOPE_AUDIT_LOG: checkPath('JOBSCOPE_AUDIT_LOG', site.auditLog),
    JOBSCOPE_ACCESS_LOG: checkPath('JOBSCOPE_ACCESS_LOG', site.accessLog),
    JOBSCOPE_NGINX_LISTEN_TLS: tls ? 'ssl http2' : '',
    JOBSCOPE_NGINX_TLS_CERTIFICATES: tls
      ? `ssl_certificate "${tls.cert}"; ssl_certificate_key "${tls.key}";`
      : '# No TLS here (JOBSCOPE_TLS_CERT and JOBSCOPE_TLS_KEY are not set): put a TLS terminator in front.',
    JOBSCOPE_NGINX_ALLOW_GEO: allowGeo(access.allowCidrs),
    JOBSCOPE_NGINX_RATE_BURST: String(site.rateLimitPerSecond * 2),
    JOBSCOPE_NGINX_RESOLVER: site.resolvers.join(' '),
  }
}

export function mainTemplateVars(runtimeDir: string, siteConf: string): Record<string, string> {
  return {
    JOBSCOPE_RUNTIME_DIR: checkPath('JOBSCOPE_RUNTIME_DIR', runtimeDir),
    JOBSCOPE_SITE_CONF: checkPath('JOBSCOPE_SITE_CONF', siteConf),
  }
}

// ---------------------------------------------------------------------------------------------
// What `npm run serve` reads from the environment, beyond what both servers read.

export interface ServeSettings extends ServerSettings {
  /** CSP img-src sources from JOBSCOPE_IMG_SRC (the demo adds its own origin on top). */
  readonly imgSrc: string
  /** CSP media-src sources from JOBSCOPE_MEDIA_SRC (result audio; the same default rule). */
  readonly mediaSrc: string
  readonly caCerts: string
  readonly tls: TlsFiles | null
  /** JOBSCOPE_AUDIT_LOG; null: serve's default under .tmp/. */
  readonly auditLog: string | null
  /** JOBSCOPE_RESOLVER; null: the nameservers of /etc/resolv.conf. */
  readonly resolvers: readonly string[] | null
  readonly rateLimitPerSecond: number
}

export function readServeSettings(env: NodeJS.ProcessEnv): ServeSettings {
  const settings = readServerSettings(env, { server: 'nginx', defaultPort: DEFAULT_SERVE_PORT })
  const value = (name: string) => env[name]?.trim() || null
  const cert = value('JOBSCOPE_TLS_CERT')
  const key = value('JOBSCOPE_TLS_KEY')
  if ((cert === null) !== (key === null)) {
    throw new Error('Set both JOBSCOPE_TLS_CERT and JOBSCOPE_TLS_KEY (PEM files), or neither')
  }
  const auditLog = value('JOBSCOPE_AUDIT_LOG')
  const resolver = value('JOBSCOPE_RESOLVER')
  const defaultSources = defaultMediaSources(settings.upstream)
  return {
    ...settings,
    imgSrc: checkImgSrc(env.JOBSCOPE_IMG_SRC ?? defaultSources),
    mediaSrc: checkMediaSrc(env.JOBSCOPE_MEDIA_SRC ?? defaultSources),
    caCerts: checkPath('JOBSCOPE_CA_CERTS', value('JOBSCOPE_CA_CERTS') ?? DEFAULT_CA_CERTS),
    tls:
      cert === null || key === null
        ? null
        : {
            cert: checkReadableFile('JOBSCOPE_TLS_CERT', cert),
            key: checkReadableFile('JOBSCOPE_TLS_KEY', key),
          },
    auditLog: auditLog === null ? null : checkPath('JOBSCOPE_AUDIT_LOG', auditLog),
    resolvers: resolver === null ? null : checkResolvers(resolver),
    rateLimitPerSecond: settings.runtimeConfig.rateLimit?.perSecond ?? DEFAULT_RATE_LIMIT,
  }
}

/**
 * Without JOBSCOPE_IMG_SRC / JOBSCOPE_MEDIA_SRC: any https host, plus the API's own origin when it
 * is plain http (a self-hosted or test API that serves its result files itself).
 */
export function defaultMediaSources(upstream: Upstream): string {
  if (upstream.mode !== 'live') return DEFAULT_MEDIA_SOURCES
  const { protocol, origin } = new URL(upstream.apiUrl)
  return protocol === 'http:' ? `${DEFAULT_MEDIA_SOURCES} ${origin}` : DEFAULT_MEDIA_SOURCES
}
