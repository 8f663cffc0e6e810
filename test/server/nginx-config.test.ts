import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findNginx, workerAccount } from '../../scripts/nginx-runtime.ts'
import {
  DEFAULT_CA_CERTS,
  LOOKUPS_IN_FLIGHT_PER_CLIENT,
  type SiteSettings,
  allowGeo,
  checkImgSrc,
  checkMediaSrc,
  checkResolvers,
  defaultMediaSources,
  mainTemplateVars,
  readServeSettings,
  renderTemplate,
  resolversFromResolvConf,
  siteTemplateVars,
} from '../../server/nginx-config.ts'
import { PROXY_ERRORS, rateLimitedBody } from '../../server/proxy-errors.ts'
import { type Access, readAccess } from '../../server/settings.ts'
import { JOB_KINDS } from '../../src/lib/job-kinds.ts'

const SITE_TEMPLATE = readFileSync(
  new URL('../../deploy/nginx/jobscope.conf.template', import.meta.url),
  'utf8',
)
const MAIN_TEMPLATE = readFileSync(
  new URL('../../deploy/nginx/nginx.conf.template', import.meta.url),
  'utf8',
)
const KEY = 'dist-test-key-0c4e8a2f'
const NO_ACCESS: Access = readAccess({})

function renderSite(overrides: Partial<SiteSettings> = {}): string {
  return renderTemplate(
    SITE_TEMPLATE,
    siteTemplateVars({
      listen: '127.0.0.1:8080',
      root: '/srv/jobscope/dist',
      configFile: '/srv/jobscope/config.json',
      imgSrc: 'https:',
      mediaSrc: 'https:',
      caCerts: DEFAULT_CA_CERTS,
      apiUrl: 'https://api.distribute.ai',
      apiKey: KEY,
      access: NO_ACCESS,
      rateLimitPerSecond: 20,
      tls: null,
      auditLog: '/var/log/jobscope/audit.log',
      accessLog: '/var/log/jobscope/access.log',
      resolvers: ['10.0.0.2'],
      ...overrides,
    }),
  )
}

/** Every `return <status> '<body>'` the template answers with itself. */
function ownAnswers(site: string): Array<{ status: number; body: string }> {
  return [...site.matchAll(/return (\d{3}) '((?:[^'\\]|\\.)*)';/g)].map((match) => ({
    status: Number(match[1]),
    body: (match[2] ?? '').replace(/\\(.)/g, '$1'),
  }))
}

describe('renderTemplate', () => {
  it('replaces ${NAME} placeholders and leaves nginx variables alone', () => {
    expect(renderTemplate('listen ${PORT}; root ${ROOT}$uri;', { PORT: '80', ROOT: '/srv' })).toBe(
      'listen 80; root /srv$uri;',
    )
  })

  it('throws on a placeholder it has no value for, naming it', () => {
    expect(() => renderTemplate('a ${KNOWN} b ${TYPO}', { KNOWN: 'x' })).toThrow(/\$\{TYPO\}/)
  })

  it('throws on a malformed placeholder', () => {
    expect(() => renderTemplate('a ${ NOT_A_NAME }', {})).toThrow(/Malformed/)
    expect(() => renderTemplate('a ${UNCLOSED', {})).toThrow(/Malformed/)
  })

  it('fills both project templates completely', () => {
    const site = renderSite()
    const main = renderTemplate(
      MAIN_TEMPLATE,
      mainTemplateVars('/tmp/jobscope-run', '/tmp/jobscope-run/jobscope.conf'),
    )
    for (const text of [site, main]) expect(text).not.toMatch(/\$\{/)
    expect(site).toContain(`proxy_set_header authorization "${KEY}";`)
    expect(site).toContain(
      'set $jobscope_api "https://api.distribute.ai/async/$jobscope_kind/result";',
    )
    expect(main).toContain('include "/tmp/jobscope-run/jobscope.conf";')
  })
})

/** The CSP pages get (hashed assets get none, the sign-in page its own: see the template). */
const PAGE_CSP = /\$jobscope_page_csp {[^}]*?default\s*"([^"]*)";/
/** The sign-in page's own CSP. */
const SIGN_IN_CSP = /\$jobscope_page_csp {[^}]*?"0 401 @jobscope_sign_in_page"\s*"([^"]*)";/

describe('the rendered site configuration', () => {
  const site = renderSite({ imgSrc: 'https://images.example.com http://127.0.0.1:9000' })
  const csp = PAGE_CSP.exec(site)?.[1] ?? ''

  it('has a CSP without unsafe-inline or unsafe-eval, with the configured image and audio sources', () => {
    const withMedia = renderSite({ mediaSrc: 'https://audio.example.com' })
    const mediaCsp = PAGE_CSP.exec(withMedia)?.[1]
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("img-src 'self' https://images.example.com http://127.0.0.1:9000;")
    expect(mediaCsp).toContain("media-src 'self' https://audio.example.com;")
    expect(site).not.toMatch(/unsafe-inline|unsafe-eval/)
  })

  it('adds headers only at server level, so no location drops them', () => {
    const directives = site.replace(/#.*$/gm, '')
    const firstLocation = directives.search(/^\s*location /m)
    const all = directives.match(/add_header/g)?.length ?? 0
    expect(all).toBeGreaterThanOrEqual(7)
    expect(directives.slice(0, firstLocation).match(/add_header/g)?.length).toBe(all)
  })

  it('proxies to the API from one block only, without the browser headers', () => {
    const api =
      site.replace(/#.*$/gm, '').match(/\$\{?DISTRIBUTE_API_URL|https:\/\/api\.distribute\.ai/g) ??
      []
    expect(api).toHaveLength(1)
    // Three proxy_pass in all: the lookup, the forward-auth check and oauth2-proxy's own pages.
    expect(site.match(/^\s*proxy_pass /gm)).toHaveLength(3)
    expect(site).toContain('proxy_pass_request_headers off;')
    expect(site).toContain('client_max_body_size 4k;')
  })

  it('allows exactly the result endpoint of every job kind in src/lib/job-kinds.ts', () => {
    const routes = [...SITE_TEMPLATE.matchAll(/^\s*location ~ \^\/api\/(.*) \{$/gm)]
    expect(routes).toHaveLength(1)
    const kinds = /^async\/\(\?<jobscope_kind>([a-z|]+)\)\/result\$$/.exec(routes[0]?.[1] ?? '')
    expect(kinds?.[1]?.split('|').sort()).toEqual([...JOB_KINDS].sort())
  })

  it("answers with exactly the proxy's own errors of server/proxy-errors.ts, a page and a description", () => {
    const all = ownAnswers(renderSite({ rateLimitPerSecond: 7 }))
    // The sign-in page and the address bar's search description (test/server/address-bar.test.ts).
    const documents = all.filter((answer) => answer.body.startsWith('<'))
    expect(documents.map((answer) => [answer.status, answer.body.slice(0, 15)])).toEqual([
      [200, '<?xml version="'],
      [401, '<!doctype html>'],
    ])
    const answers = all.filter((answer) => !documents.includes(answer))
    const expected = [
      ...Object.entries(PROXY_ERRORS)
        .filter(([code]) => code !== 'bad-request')
        .map(([code, { status, message }]) => ({
          status,
          body: JSON.stringify({ message, code }),
        })),
      { status: 429, body: rateLimitedBody(7) },
    ]
    const sortKey = (answer: { status: number; body: string }) => `${answer.status} ${answer.body}`
    expect(answers.map(sortKey).sort()).toEqual(expected.map(sortKey).sort())
  })

  it('allows the sign-in page its one inline style by hash, and nothing else', () => {
    const page = ownAnswers(site).find((answer) => answer.body.startsWith('<!doctype html>'))
    const style = /<style>([^<]*)<\/style>/.exec(page?.body ?? '')?.[1] ?? ''
    expect(style.length).toBeGreaterThan(50)
    const hash = createHash('sha256').update(style, 'utf8').digest('base64')
    expect(SIGN_IN_CSP.exec(site)?.[1]).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    )
    expect(page?.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i)
    // Only the words chosen by the sign-in mode go into it, never anything from the request.
    expect(page?.body.match(/\$[a-z_]+/g)).toEqual(['$jobscope_sign_in_words'])
  })

  it('caps lookups in flight per person at LOOKUPS_IN_FLIGHT_PER_CLIENT, and limits the rate', () => {
    expect(site).toContain(`limit_conn jobscope_lookups_in_flight ${LOOKUPS_IN_FLIGHT_PER_CLIENT};`)
    expect(site).toContain('rate=20r/s;')
    expect(site).toContain('limit_req zone=jobscope_lookups burst=40 nodelay;')
  })

  it('sends no authorization header at all for the demo upstream', () => {
    expect(renderSite({ apiKey: '', apiUrl: 'http://127.0.0.1:4000' })).toContain(
      'proxy_set_header authorization "";',
    )
  })

  it('listens with TLS and HTTP/2 only when given a certificate', () => {
    expect(site).toMatch(/listen 127\.0\.0\.1:8080 ;/)
    expect(site).not.toMatch(/^\s*ssl_certificate/m)
    const tls = renderSite({ tls: { cert: '/etc/tls/cert.pem', key: '/etc/tls/key.pem' } })
    expect(tls).toContain('listen 127.0.0.1:8080 ssl http2;')
    expect(tls).toContain(
      'ssl_certificate "/etc/tls/cert.pem"; ssl_certificate_key "/etc/tls/key.pem";',
    )
    expect(tls).toContain('ssl_protocols TLSv1.2 TLSv1.3;')
  })

  it('allows every address without JOBSCOPE_ALLOW_CIDRS, else only the ranges given', () => {
    expect(allowGeo([])).toBe('default 1;')
    expect(allowGeo(['10.0.0.0/8', '::1/128'])).toBe('default 0; 10.0.0.0/8 1; ::1/128 1;')
    expect(renderSite({ access: readAccess({ JOBSCOPE_ALLOW_CIDRS: '10.0.0.0/8' }) })).toMatch(
      /geo \$jobscope_address_allowed \{\s+default 0; 10\.0\.0\.0\/8 1;\s+\}/,
    )
  })
})

describe('settings checks', () => {
  it.each([
    "'unsafe-inline'",
    'https:; script-src *',
    'https://a.example,https://b.example',
    '"x"',
  ])('refuses the image source %s', (source) => {
    expect(() => checkImgSrc(source)).toThrow(/JOBSCOPE_IMG_SRC/)
  })

  it.each(["'self'", 'https:; media-src *', 'data: "x"'])(
    'refuses the audio source %s, naming JOBSCOPE_MEDIA_SRC',
    (source) => {
      expect(() => checkMediaSrc(source)).toThrow(/JOBSCOPE_MEDIA_SRC/)
    },
  )

  it('accepts scheme and host image sources', () => {
    expect(checkImgSrc(' https:   https://*.cdn.example.com  http://127.0.0.1:9000 ')).toBe(
      'https: https://*.cdn.example.com http://127.0.0.1:9000',
    )
  })

  it.each<[string, string[]]>([
    ['10.0.0.2', ['10.0.0.2']],
    ['10.0.0.2:5353, 10.0.0.3', ['10.0.0.2:5353', '10.0.0.3']],
    ['fd00::53 [fd00::54]:53', ['[fd00::53]', '[fd00::54]:53']],
  ])('reads the resolver list %j', (raw, expected) => {
    expect(checkResolvers(raw)).toEqual(expected)
  })

  it.each(['dns.example.com', '10.0.0.2;', '10.0.0.2:port', ' '])(
    'refuses the resolver %j',
    (raw) => {
      expect(() => checkResolvers(raw)).toThrow(/JOBSCOPE_RESOLVER/)
    },
  )

  it.each<[string, string, string[]]>([
    ['one nameserver', 'search example\nnameserver 10.255.255.53\n', ['10.255.255.53']],
    [
      'IPv4 and IPv6 ones, and a comment',
      '# x\nnameserver 1.1.1.1\nnameserver 2606:4700::1111\noptions ndots:1',
      ['1.1.1.1', '[2606:4700::1111]'],
    ],
    ['none: the local machine, as the C library does', 'search example\n', ['127.0.0.1']],
    ['an empty file', '', ['127.0.0.1']],
  ])('takes the resolver from resolv.conf with %s', (_, text, expected) => {
    expect(resolversFromResolvConf(text)).toEqual(expected)
  })
})

describe('readServeSettings', () => {
  it('is demo mode without a key, on 127.0.0.1:8080, with images and audio from https:', () => {
    const settings = readServeSettings({})
    expect(settings.upstream).toEqual({ mode: 'demo' })
    expect(settings.listen.listen).toBe('127.0.0.1:8080')
    expect(settings.imgSrc).toBe('https:')
    expect(settings.mediaSrc).toBe('https:')
    expect(settings.tls).toBeNull()
    expect(settings.rateLimitPerSecond).toBe(20)
    expect(settings.runtimeConfig).toEqual({
      apiBase: '/api',
      rateLimit: { perSecond: 20 },
      recentDays: 30,
    })
  })

  it('does not read HOST (many shells set it to the machine name)', () => {
    expect(readServeSettings({ HOST: 'build-box-7' }).listen.host).toBe('127.0.0.1')
  })

  it('takes the TLS pair only together, as readable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobscope-tls-'))
    const cert = join(dir, 'cert.pem')
    const key = join(dir, 'key.pem')
    writeFileSync(cert, 'cert')
    writeFileSync(key, 'key')
    expect(readServeSettings({ JOBSCOPE_TLS_CERT: cert, JOBSCOPE_TLS_KEY: key }).tls).toEqual({
      cert,
      key,
    })
    expect(() => readServeSettings({ JOBSCOPE_TLS_CERT: cert })).toThrow(/both/)
    expect(() =>
      readServeSettings({ JOBSCOPE_TLS_CERT: cert, JOBSCOPE_TLS_KEY: join(dir, 'missing.pem') }),
    ).toThrow(/JOBSCOPE_TLS_KEY is not a file/)
    rmSync(dir, { recursive: true, force: true })
  })

  it('is live mode with a key, defaulting to the public API', () => {
    expect(readServeSettings({ DISTRIBUTE_API_KEY: ` ${KEY} ` }).upstream).toEqual({
      mode: 'live',
      apiUrl: 'https://api.distribute.ai',
      apiKey: KEY,
    })
  })

  it('puts the environment label and polling bounds into config.json', () => {
    const settings = readServeSettings({
      JOBSCOPE_ENV_LABEL: 'EU production',
      JOBSCOPE_POLL_MIN_MS: '2000',
      JOBSCOPE_POLL_MAX_MS: '30000',
      JOBSCOPE_RATE_LIMIT: '50',
      JOBSCOPE_RECENT_DAYS: '7',
    })
    expect(settings.runtimeConfig).toEqual({
      apiBase: '/api',
      environmentLabel: 'EU production',
      polling: { minMs: 2000, maxMs: 30000 },
      rateLimit: { perSecond: 50 },
      recentDays: 7,
    })
    expect(settings.rateLimitPerSecond).toBe(50)
  })

  it.each([
    [{ JOBSCOPE_POLL_MIN_MS: '2000' }, /both/],
    [
      { JOBSCOPE_POLL_MIN_MS: '10', JOBSCOPE_POLL_MAX_MS: '5000' },
      /MIN_MS must be at least 250 ms/,
    ],
    [{ JOBSCOPE_POLL_MIN_MS: '1000', JOBSCOPE_POLL_MAX_MS: '1e9' }, /MAX_MS must be at most/],
    [{ JOBSCOPE_POLL_MIN_MS: '1.5s', JOBSCOPE_POLL_MAX_MS: '5000' }, /MIN_MS must be a whole/],
    [{ JOBSCOPE_POLL_MIN_MS: '9000', JOBSCOPE_POLL_MAX_MS: '5000' }, /larger/],
    [{ JOBSCOPE_ENV_LABEL: 'x'.repeat(61) }, /JOBSCOPE_ENV_LABEL must be at most 60 characters/],
    [{ JOBSCOPE_RATE_LIMIT: '0' }, /JOBSCOPE_RATE_LIMIT must be a whole number from 1 to 1000/],
    [{ JOBSCOPE_RATE_LIMIT: '2.5' }, /JOBSCOPE_RATE_LIMIT/],
    [{ JOBSCOPE_RECENT_DAYS: '400' }, /JOBSCOPE_RECENT_DAYS must be a whole number from 1 to 365/],
  ])('refuses runtime settings the browser would ignore: %o', (env, message) => {
    expect(() => readServeSettings(env)).toThrow(message)
  })
})

describe('findNginx', () => {
  it('says how to install nginx when there is none', () => {
    expect(() => findNginx({ PATH: '/nonexistent' }, [])).toThrow(
      'nginx is not installed: sudo apt-get install -y nginx',
    )
  })

  it('uses NGINX_BIN only, and says when it is wrong', () => {
    expect(() => findNginx({ NGINX_BIN: '/nonexistent/nginx', PATH: '/usr/sbin' })).toThrow(
      /NGINX_BIN is not an executable file/,
    )
  })
})

describe('workerAccount', () => {
  const debian = 'root:x:0:\nnogroup:x:65534:\n'
  it.each<[string, number | undefined, string, ReturnType<typeof workerAccount>]>([
    ['not root', 1000, debian, null],
    ['root on Debian', 0, debian, { user: 'nobody', group: 'nogroup', gid: 65534 }],
    ['root elsewhere', 0, 'nobody:x:99:\n', { user: 'nobody', group: 'nobody', gid: 99 }],
  ])('runs the workers as: %s', (_, uid, groups, expected) => {
    expect(workerAccount(uid, groups)).toEqual(expected)
  })

  it('refuses to run as root without an unprivileged group', () => {
    expect(() => workerAccount(0, 'root:x:0:\n')).toThrow(/nogroup or nobody/)
  })
})

describe('defaultMediaSources', () => {
  it.each([
    ['demo mode', { mode: 'demo' } as const, 'https:'],
    [
      'an https API',
      { mode: 'live', apiUrl: 'https://api.distribute.ai', apiKey: 'k' } as const,
      'https:',
    ],
    [
      'a plain-http API, which may serve its own images',
      { mode: 'live', apiUrl: 'http://127.0.0.1:9000', apiKey: 'k' } as const,
      'https: http://127.0.0.1:9000',
    ],
  ])('for %s is %j', (_, upstream, expected) => {
    expect(defaultMediaSources(upstream)).toBe(expected)
  })

  it('applies to both JOBSCOPE_IMG_SRC and JOBSCOPE_MEDIA_SRC', () => {
    const settings = readServeSettings({
      DISTRIBUTE_API_KEY: KEY,
      DISTRIBUTE_API_URL: 'http://127.0.0.1:9000',
    })
    expect(settings.imgSrc).toBe('https: http://127.0.0.1:9000')
    expect(settings.mediaSrc).toBe('https: http://127.0.0.1:9000')
    const narrowed = readServeSettings({ JOBSCOPE_MEDIA_SRC: 'https://audio.example.com' })
    expect(narrowed.mediaSrc).toBe('https://audio.example.com')
    expect(narrowed.imgSrc).toBe('https:')
  })
})
