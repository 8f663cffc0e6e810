import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findNginx } from '../../scripts/nginx-runtime.ts'
import {
  defaultImgSrc,
  DEFAULT_CA_CERTS,
  checkApiKey,
  checkApiUrl,
  checkImgSrc,
  checkListen,
  mainTemplateVars,
  readServeSettings,
  renderTemplate,
  siteTemplateVars,
} from '../../server/nginx-config.ts'

const SITE_TEMPLATE = readFileSync(
  new URL('../../deploy/nginx/jobscope.conf.template', import.meta.url),
  'utf8',
)
const MAIN_TEMPLATE = readFileSync(
  new URL('../../deploy/nginx/nginx.conf.template', import.meta.url),
  'utf8',
)
const KEY = 'dist-test-key-0c4e8a2f'

function renderSite(overrides: Partial<Parameters<typeof siteTemplateVars>[0]> = {}): string {
  return renderTemplate(
    SITE_TEMPLATE,
    siteTemplateVars({
      listen: '127.0.0.1:8080',
      root: '/srv/jobscope/dist',
      configFile: '/srv/jobscope/config.json',
      imgSrc: 'https:',
      caCerts: DEFAULT_CA_CERTS,
      apiUrl: 'https://api.distribute.ai',
      apiKey: KEY,
      ...overrides,
    }),
  )
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
    expect(site).toContain('proxy_pass https://api.distribute.ai/async/images/result;')
    expect(main).toContain('include "/tmp/jobscope-run/jobscope.conf";')
  })
})

describe('the rendered site configuration', () => {
  const site = renderSite({ imgSrc: 'https://images.example.com http://127.0.0.1:9000' })
  const csp = /add_header Content-Security-Policy "([^"]*)" always;/.exec(site)?.[1] ?? ''

  it('has a CSP without unsafe-inline or unsafe-eval, with the configured image sources', () => {
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("img-src 'self' https://images.example.com http://127.0.0.1:9000;")
    expect(site).not.toMatch(/unsafe-inline|unsafe-eval/)
  })

  it('adds headers only at server level, so no location drops them', () => {
    const directives = site.replace(/#.*$/gm, '')
    const firstLocation = directives.search(/^\s*location /m)
    const all = directives.match(/add_header/g)?.length ?? 0
    expect(all).toBeGreaterThanOrEqual(7)
    expect(directives.slice(0, firstLocation).match(/add_header/g)?.length).toBe(all)
  })

  it('proxies only the allowlisted route, without the browser headers', () => {
    expect(site.match(/proxy_pass /g)?.length).toBe(1)
    expect(site).toContain('location = /api/async/images/result {')
    expect(site).toContain('proxy_pass_request_headers off;')
    expect(site).toContain('client_max_body_size 4k;')
  })

  it('sends no authorization header at all for the demo upstream', () => {
    expect(renderSite({ apiKey: '', apiUrl: 'http://127.0.0.1:4000' })).toContain(
      'proxy_set_header authorization "";',
    )
  })
})

describe('settings checks', () => {
  it.each([
    ['with a space', 'abc def'],
    ['with a quote', 'abc"def'],
    ['with a backslash', 'abc\\def'],
    ['with a dollar', 'abc$def'],
    ['with a semicolon', 'abc;def'],
    ['on two lines', 'abc\ndef'],
    ['with a control character', 'abc\u0007def'],
  ])('refuses a key %s, without echoing it', (_, key) => {
    expect(() => checkApiKey(key)).toThrow(/DISTRIBUTE_API_KEY/)
    try {
      checkApiKey(key)
    } catch (error) {
      expect((error as Error).message).not.toContain(key)
    }
  })

  it('accepts an ordinary key unchanged', () => {
    expect(checkApiKey('sk_live-AbC.123~xyz=')).toBe('sk_live-AbC.123~xyz=')
  })

  it.each([
    ['not a URL', 'api.distribute.ai', /not a valid URL/],
    ['another scheme', 'ftp://api.distribute.ai', /must be http\(s\)/],
    ['credentials', 'https://user:pw@api.distribute.ai', /credentials/],
    ['a query', 'https://api.distribute.ai/?x=1', /query/],
    ['a nginx-breaking character', 'https://api.distribute.ai/a;b', /cannot take/],
  ])('refuses an API URL with %s', (_, url, message) => {
    expect(() => checkApiUrl(url)).toThrow(message)
  })

  it('normalises the API URL without a trailing slash', () => {
    expect(checkApiUrl(' https://gw.example.com/distribute/ ')).toBe(
      'https://gw.example.com/distribute',
    )
  })

  it.each([
    "'unsafe-inline'",
    'https:; script-src *',
    'https://a.example,https://b.example',
    '"x"',
  ])('refuses the image source %s', (source) => {
    expect(() => checkImgSrc(source)).toThrow(/JOBSCOPE_IMG_SRC/)
  })

  it('accepts scheme and host image sources', () => {
    expect(checkImgSrc(' https:   https://*.cdn.example.com  http://127.0.0.1:9000 ')).toBe(
      'https: https://*.cdn.example.com http://127.0.0.1:9000',
    )
  })

  it('builds the listen address, brackets IPv6, refuses bad ports', () => {
    expect(checkListen('127.0.0.1', '8080').listen).toBe('127.0.0.1:8080')
    expect(checkListen('::1', '8080').listen).toBe('[::1]:8080')
    expect(() => checkListen('127.0.0.1', '80a')).toThrow(/PORT/)
    expect(() => checkListen('127.0.0.1', '70000')).toThrow(/PORT/)
    expect(() => checkListen('a b', '80')).toThrow(/HOST/)
  })
})

describe('readServeSettings', () => {
  it('is demo mode without a key, on 127.0.0.1:8080, with images from https:', () => {
    const settings = readServeSettings({})
    expect(settings.upstream).toEqual({ mode: 'demo' })
    expect(settings.listen).toBe('127.0.0.1:8080')
    expect(settings.imgSrc).toBe('https:')
    expect(settings.runtimeConfig).toEqual({ apiBase: '/api' })
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
    })
    expect(settings.runtimeConfig).toEqual({
      apiBase: '/api',
      environmentLabel: 'EU production',
      polling: { minMs: 2000, maxMs: 30000 },
    })
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

describe('defaultImgSrc', () => {
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
    expect(defaultImgSrc(upstream)).toBe(expected)
  })
})
