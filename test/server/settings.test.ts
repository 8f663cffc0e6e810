// The one reader of the environment both servers use (npm start and npm run serve): what each
// variable means, what is refused, and that no refusal ever shows the key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_API_URL,
  type ServerKind,
  type Upstream,
  checkApiKey,
  checkApiUrl,
  checkCidrs,
  checkListen,
  describeUpstream,
  isLoopbackHost,
  readAccess,
  readListen,
  readServerSettings,
  readUpstream,
} from '../../server/settings.ts'

const KEY = 'dist-test-key-6f1c2a9e84b7'
const DIR = mkdtempSync(join(tmpdir(), 'jobscope-settings-'))
const HTPASSWD = join(DIR, 'htpasswd')
writeFileSync(HTPASSWD, 'ana:$apr1$abcdefgh$0123456789abcdefghijkl\n')
afterAll(() => {
  rmSync(DIR, { recursive: true, force: true })
})

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    if (error instanceof Error) return error
  }
  throw new Error('expected an error')
}

describe('readUpstream', () => {
  it.each<[string, NodeJS.ProcessEnv, Upstream]>([
    ['no key → demo', {}, { mode: 'demo' }],
    ['an empty key → demo', { DISTRIBUTE_API_KEY: '' }, { mode: 'demo' }],
    ['a blank key → demo', { DISTRIBUTE_API_KEY: '  \t ' }, { mode: 'demo' }],
    [
      'a key → live against the default URL',
      { DISTRIBUTE_API_KEY: KEY },
      { mode: 'live', apiUrl: DEFAULT_API_URL, apiKey: KEY },
    ],
    [
      'a blank URL → the default URL',
      { DISTRIBUTE_API_KEY: KEY, DISTRIBUTE_API_URL: '  ' },
      { mode: 'live', apiUrl: 'https://api.distribute.ai', apiKey: KEY },
    ],
    [
      'a key with surrounding whitespace is trimmed',
      { DISTRIBUTE_API_KEY: `  ${KEY}\n` },
      { mode: 'live', apiUrl: DEFAULT_API_URL, apiKey: KEY },
    ],
    [
      'a trailing slash on the URL is trimmed',
      { DISTRIBUTE_API_KEY: KEY, DISTRIBUTE_API_URL: 'https://eu.api.example.com/' },
      { mode: 'live', apiUrl: 'https://eu.api.example.com', apiKey: KEY },
    ],
    [
      'a loopback URL with a path keeps the path, without its trailing slash',
      { DISTRIBUTE_API_KEY: KEY, DISTRIBUTE_API_URL: 'http://127.0.0.1:8080/v1/' },
      { mode: 'live', apiUrl: 'http://127.0.0.1:8080/v1', apiKey: KEY },
    ],
  ])('%s', (_, env, expected) => {
    expect(readUpstream(env)).toEqual(expected)
  })

  it('uses https://api.distribute.ai as the default URL', () => {
    expect(DEFAULT_API_URL).toBe('https://api.distribute.ai')
  })

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['an invalid URL', { DISTRIBUTE_API_URL: 'not a url' }, /not a valid URL/],
    ['an ftp: URL', { DISTRIBUTE_API_URL: 'ftp://api.example.com' }, /http\(s\)/],
    ['a file: URL', { DISTRIBUTE_API_URL: 'file:///etc/passwd' }, /http\(s\)/],
    ['a plain-http API elsewhere', { DISTRIBUTE_API_URL: 'http://api.example.com' }, /https/],
  ])('throws for %s', (_, env, message) => {
    expect(() => readUpstream({ DISTRIBUTE_API_KEY: KEY, ...env })).toThrow(message)
  })
})

describe('checkApiKey', () => {
  it.each([
    ['with a space', 'abc def', /no spaces/],
    ['with a quote', 'abc"def', /none of/],
    ['with a backslash', 'abc\\def', /none of/],
    ['with a dollar', 'abc$def', /none of/],
    ['with a semicolon', 'abc;def', /none of/],
    ['on two lines', 'abc\ndef', /single line/],
    ['with a header injection', 'abc\r\nx-evil: 1', /single line/],
    ['with a control character', 'abc\u0007def', /visible ASCII/],
    ['with a zero-width space', 'abc\u200bdef', /visible ASCII/],
  ])('refuses a key %s, naming the variable and never showing the key', (_, key, message) => {
    const error = thrown(() => checkApiKey(key))
    expect(error.message).toMatch(/DISTRIBUTE_API_KEY/)
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain(key)
    expect(error.message).not.toContain('def')
  })

  it('accepts an ordinary key unchanged', () => {
    expect(checkApiKey('sk_live-AbC.123~xyz=')).toBe('sk_live-AbC.123~xyz=')
  })

  it('never shows a refused key through readUpstream either', () => {
    const error = thrown(() => readUpstream({ DISTRIBUTE_API_KEY: 'abc\nsecret-part-of-key' }))
    expect(String(error)).not.toContain('secret-part-of-key')
  })
})

describe('checkApiUrl: https unless the host is loopback', () => {
  it.each([
    'https://api.distribute.ai',
    'https://10.0.0.7:8443/gw',
    'http://127.0.0.1:9000',
    'http://127.8.9.10',
    'http://localhost:9000',
    'http://[::1]:9000',
  ])('accepts %s', (url) => {
    expect(checkApiUrl(url)).toBe(url)
  })

  it.each([
    'http://api.distribute.ai',
    'http://10.0.0.7:9000',
    'http://128.0.0.1',
    'http://localhost.example.com',
    'http://[::2]:9000',
  ])('refuses %s, saying why', (url) => {
    expect(() => checkApiUrl(url)).toThrow(/must be https: the API key travels/)
  })

  it.each([
    ['not a URL', 'api.distribute.ai', /not a valid URL/],
    ['another scheme', 'ftp://api.distribute.ai', /must be http\(s\)/],
    ['credentials', 'https://user:pw@api.distribute.ai', /credentials/],
    ['a query', 'https://api.distribute.ai/?x=1', /query/],
    ['a fragment', 'https://api.distribute.ai/#x', /fragment/],
    ['a nginx-breaking character', 'https://api.distribute.ai/a;b', /cannot take/],
  ])('refuses an API URL with %s', (_, url, message) => {
    expect(() => checkApiUrl(url)).toThrow(message)
  })

  it('does not show credentials it refuses', () => {
    expect(thrown(() => checkApiUrl('https://user:hunter2@api.example.com')).message).not.toContain(
      'hunter2',
    )
  })

  it('normalises the API URL without a trailing slash', () => {
    expect(checkApiUrl(' https://gw.example.com/distribute/ ')).toBe(
      'https://gw.example.com/distribute',
    )
  })
})

describe('the listen address', () => {
  it.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['jobscope.internal', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })

  it('reads JOBSCOPE_HOST and PORT, not HOST (many shells set it to the machine name)', () => {
    expect(readListen({ HOST: 'build-box-7' }, 5173)).toEqual({
      host: '127.0.0.1',
      port: 5173,
      listen: '127.0.0.1:5173',
      loopback: true,
    })
    expect(readListen({ JOBSCOPE_HOST: '0.0.0.0', PORT: '9000' }, 5173)).toEqual({
      host: '0.0.0.0',
      port: 9000,
      listen: '0.0.0.0:9000',
      loopback: false,
    })
  })

  it('builds the listen address, brackets IPv6, refuses bad ports and hosts', () => {
    expect(checkListen('127.0.0.1', '8080').listen).toBe('127.0.0.1:8080')
    expect(checkListen('::1', '8080').listen).toBe('[::1]:8080')
    expect(() => checkListen('127.0.0.1', '80a')).toThrow(/PORT/)
    expect(() => checkListen('127.0.0.1', '70000')).toThrow(/PORT/)
    expect(() => checkListen('a b', '80')).toThrow(/JOBSCOPE_HOST/)
  })
})

describe('readAccess', () => {
  it('is no access mode at all by default', () => {
    expect(readAccess({})).toEqual({
      basicAuthFile: null,
      authRequestUrl: null,
      authSigninUrl: null,
      publicUrl: null,
      allowCidrs: [],
      allowAnonymous: false,
    })
  })

  it('reads every setting', () => {
    expect(
      readAccess({
        JOBSCOPE_AUTH_REQUEST_URL: 'http://oauth2-proxy:4180/oauth2/auth',
        JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
        JOBSCOPE_PUBLIC_URL: 'https://jobscope.example.com/',
        JOBSCOPE_ALLOW_CIDRS: ' 10.0.0.0/8, 192.168.1.7 ,2001:db8::/32',
        JOBSCOPE_ALLOW_ANONYMOUS: '1',
      }),
    ).toEqual({
      basicAuthFile: null,
      authRequestUrl: 'http://oauth2-proxy:4180/oauth2/auth',
      authSigninUrl: '/oauth2/start',
      publicUrl: 'https://jobscope.example.com',
      allowCidrs: ['10.0.0.0/8', '192.168.1.7/32', '2001:db8::/32'],
      allowAnonymous: true,
    })
    expect(readAccess({ JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD }).basicAuthFile).toBe(HTPASSWD)
  })

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    [
      'both sign-in modes',
      {
        JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD,
        JOBSCOPE_AUTH_REQUEST_URL: 'http://127.0.0.1:4180/oauth2/auth',
      },
      /not both/,
    ],
    ['a missing htpasswd file', { JOBSCOPE_BASIC_AUTH_FILE: join(DIR, 'nope') }, /is not a file/],
    ['a relative htpasswd path', { JOBSCOPE_BASIC_AUTH_FILE: 'htpasswd' }, /absolute/],
    ['a sign-in URL without forward auth', { JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start' }, /needs/],
    [
      'a protocol-relative sign-in URL',
      {
        JOBSCOPE_AUTH_REQUEST_URL: 'http://127.0.0.1:4180/oauth2/auth',
        JOBSCOPE_AUTH_SIGNIN_URL: '//evil.example/start',
      },
      /JOBSCOPE_AUTH_SIGNIN_URL/,
    ],
    [
      'a public URL with a path',
      {
        JOBSCOPE_AUTH_REQUEST_URL: 'http://127.0.0.1:4180/oauth2/auth',
        JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
        JOBSCOPE_PUBLIC_URL: 'https://jobscope.example.com/app',
      },
      /origin/,
    ],
    ['an auth URL that is not http(s)', { JOBSCOPE_AUTH_REQUEST_URL: 'ftp://x/auth' }, /http\(s\)/],
    ['ALLOW_ANONYMOUS=true', { JOBSCOPE_ALLOW_ANONYMOUS: 'true' }, /must be 1/],
  ])('refuses %s', (_, env, message) => {
    expect(() => readAccess(env)).toThrow(message)
  })

  it('refuses a file that is not htpasswd, without showing its lines', () => {
    const notHtpasswd = join(DIR, 'secrets.env')
    writeFileSync(notHtpasswd, 'DISTRIBUTE_API_KEY = sk-live-123\n')
    const error = thrown(() => readAccess({ JOBSCOPE_BASIC_AUTH_FILE: notHtpasswd }))
    expect(error.message).toMatch(/not an htpasswd file/)
    expect(error.message).not.toContain('sk-live-123')
  })

  it.each(['10.0.0.0/33', '10.0.0/8', 'example.com', '10.0.0.0/8/1', '::/129', '10.0.0.0/8,'])(
    'refuses the address range list %j',
    (raw) => {
      expect(() => checkCidrs(raw)).toThrow(/JOBSCOPE_ALLOW_CIDRS/)
    },
  )
})

describe('readServerSettings: a server reachable from the network needs a way to keep strangers out', () => {
  const refusal = (env: NodeJS.ProcessEnv, server: ServerKind = 'nginx') =>
    thrown(() => readServerSettings(env, { server, defaultPort: 8080 })).message

  it.each<[string, NodeJS.ProcessEnv]>([
    ['loopback by default, with nothing set', {}],
    ['loopback, live', { DISTRIBUTE_API_KEY: KEY }],
    [
      '0.0.0.0 with Basic sign-in',
      { JOBSCOPE_HOST: '0.0.0.0', JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD },
    ],
    [
      '0.0.0.0 with forward auth',
      { JOBSCOPE_HOST: '0.0.0.0', JOBSCOPE_AUTH_REQUEST_URL: 'http://127.0.0.1:4180/oauth2/auth' },
    ],
    [
      '0.0.0.0 with an address allowlist',
      { JOBSCOPE_HOST: '0.0.0.0', JOBSCOPE_ALLOW_CIDRS: '10.0.0.0/8' },
    ],
    [
      '0.0.0.0 with the explicit opt-out',
      { JOBSCOPE_HOST: '0.0.0.0', JOBSCOPE_ALLOW_ANONYMOUS: '1' },
    ],
  ])('npm run serve starts: %s', (_, env) => {
    expect(() => readServerSettings(env, { server: 'nginx', defaultPort: 8080 })).not.toThrow()
  })

  it.each<[string, NodeJS.ProcessEnv]>([
    ['0.0.0.0, demo', { JOBSCOPE_HOST: '0.0.0.0' }],
    ['0.0.0.0, live', { JOBSCOPE_HOST: '0.0.0.0', DISTRIBUTE_API_KEY: KEY }],
    ['a LAN address', { JOBSCOPE_HOST: '10.0.0.5', DISTRIBUTE_API_KEY: KEY }],
    ['::', { JOBSCOPE_HOST: '::' }],
  ])('npm run serve refuses %s, naming every way out, without the key', (_, env) => {
    const message = refusal(env)
    expect(message).toMatch(/refuses to start/)
    for (const name of [
      'JOBSCOPE_BASIC_AUTH_FILE',
      'JOBSCOPE_AUTH_REQUEST_URL',
      'JOBSCOPE_ALLOW_CIDRS',
      'JOBSCOPE_ALLOW_ANONYMOUS=1',
    ]) {
      expect(message).toContain(name)
    }
    expect(message).not.toContain(KEY)
  })

  it('npm start (no sign-in of its own) needs the explicit opt-out to leave loopback', () => {
    const basic = { JOBSCOPE_HOST: '0.0.0.0', JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD }
    expect(refusal(basic, 'dev')).toMatch(/npm start refuses to start.*no sign-in.*npm run serve/)
    expect(() =>
      readServerSettings(
        { JOBSCOPE_HOST: '0.0.0.0', JOBSCOPE_ALLOW_ANONYMOUS: '1' },
        { server: 'dev', defaultPort: 5173 },
      ),
    ).not.toThrow()
  })

  it('puts the limits into config.json', () => {
    const settings = readServerSettings(
      { JOBSCOPE_RATE_LIMIT: '8', JOBSCOPE_RECENT_DAYS: '3' },
      { server: 'dev', defaultPort: 5173 },
    )
    expect(settings.runtimeConfig).toEqual({
      apiBase: '/api',
      rateLimit: { perSecond: 8 },
      recentDays: 3,
    })
  })
})

describe('describeUpstream', () => {
  it.each<[string, Upstream, RegExp]>([
    ['demo mode', { mode: 'demo' }, /DEMO/],
    [
      'live mode, with the URL',
      { mode: 'live', apiUrl: 'https://api.distribute.ai', apiKey: KEY },
      /LIVE.*https:\/\/api\.distribute\.ai/,
    ],
  ])('describes %s', (_, upstream, expected) => {
    const line = describeUpstream(upstream)
    expect(line).toMatch(expected)
    expect(line).not.toContain(KEY)
  })
})
