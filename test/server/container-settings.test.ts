// The container's settings check (deploy/docker/jobscope-settings.envsh), run with sh as the official
// nginx image's entrypoint would source it (Docker itself cannot run here). It must refuse what
// `npm run serve` refuses, compute the same template values as server/nginx-config.ts, write the same
// config.json, and give envsubst everything the template needs so that nginx accepts the result.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, findNginx } from '../../scripts/nginx-runtime.ts'
import {
  mainTemplateVars,
  readServeSettings,
  renderTemplate,
  resolversFromResolvConf,
  siteTemplateVars,
} from '../../server/nginx-config.ts'

const SCRIPT = join(ROOT, 'deploy', 'docker', 'jobscope-settings.envsh')
const DOCKERFILE = readFileSync(join(ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8')
const TEMPLATE = readFileSync(join(ROOT, 'deploy', 'nginx', 'jobscope.conf.template'), 'utf8')
const PLACEHOLDERS = [...new Set([...TEMPLATE.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]))]
const KEY = 'sk-live-Container7c1e'
const DIR = mkdtempSync(join(tmpdir(), 'jobscope-container-'))
const HTPASSWD = join(DIR, 'htpasswd')
writeFileSync(HTPASSWD, 'ana:$apr1$abcdefgh$0123456789abcdefghijkl\n')
const CERT = join(DIR, 'cert.pem')
const TLS_KEY = join(DIR, 'key.pem')
writeFileSync(CERT, 'cert')
writeFileSync(TLS_KEY, 'key')
let configCount = 0

interface ScriptRun {
  status: number | null
  /** What it printed (its summary line, or why it refused). */
  output: string
  /** The environment it leaves for envsubst. */
  exported: Record<string, string>
  configFile: string
}

/** Sources the script in sh with only `env` (and PATH), as the entrypoint would. */
function runScript(env: Record<string, string>): ScriptRun {
  configCount += 1
  const configFile = join(DIR, `config-${configCount}`, 'config.json')
  const result = spawnSync('sh', ['-c', '. "$0" >&2 && env -0', SCRIPT], {
    env: { PATH: process.env.PATH, JOBSCOPE_CONFIG_FILE: configFile, ...env },
    encoding: 'utf8',
  })
  const exported = Object.fromEntries(
    result.stdout
      .split('\0')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
  return { status: result.status, output: result.stderr, exported, configFile }
}

/** What server/nginx-config.ts makes of the same settings, for a container listening on JOBSCOPE_LISTEN. */
function fromTypeScript(env: Record<string, string>) {
  const listen = env.JOBSCOPE_LISTEN ?? '8080'
  const host = /^\d+$/.test(listen)
    ? '0.0.0.0'
    : listen.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  const settings = readServeSettings({ ...env, JOBSCOPE_HOST: host, PORT: '8080' })
  if (settings.upstream.mode !== 'live') throw new Error('the container has no demo mode')
  const vars = siteTemplateVars({
    listen,
    root: env.JOBSCOPE_ROOT ?? '/usr/share/nginx/html',
    configFile: env.JOBSCOPE_CONFIG_FILE ?? '',
    imgSrc: settings.imgSrc,
    mediaSrc: settings.mediaSrc,
    caCerts: settings.caCerts,
    apiUrl: settings.upstream.apiUrl,
    apiKey: settings.upstream.apiKey,
    access: settings.access,
    rateLimitPerSecond: settings.rateLimitPerSecond,
    tls: settings.tls,
    auditLog: settings.auditLog ?? '/var/log/nginx/jobscope-audit.log',
    accessLog: env.JOBSCOPE_ACCESS_LOG ?? '/var/log/nginx/access.log',
    resolvers:
      settings.resolvers ??
      resolversFromResolvConf(
        existsSync('/etc/resolv.conf') ? readFileSync('/etc/resolv.conf', 'utf8') : '',
      ),
  })
  return { vars, config: { ...settings.runtimeConfig, demo: false } }
}

const ACCEPTED: Array<[string, Record<string, string>]> = [
  ['the key and the explicit opt-out', { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_ANONYMOUS: '1' }],
  ['HTTP Basic', { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD }],
  [
    'forward auth with a sign-in page and a public URL',
    {
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_AUTH_REQUEST_URL: 'http://oauth2-proxy:4180/oauth2/auth',
      JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
      JOBSCOPE_PUBLIC_URL: 'https://jobscope.example.com/',
    },
  ],
  [
    'address ranges',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_CIDRS: '10.0.0.0/8, 192.168.1.7,2001:db8::/32' },
  ],
  [
    'a loopback listener without sign-in',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_LISTEN: '127.0.0.1:8080' },
  ],
  [
    'a plain-http API on loopback, which also serves its result files',
    {
      DISTRIBUTE_API_KEY: KEY,
      DISTRIBUTE_API_URL: 'http://127.0.0.1:9000/',
      JOBSCOPE_ALLOW_ANONYMOUS: '1',
    },
  ],
  [
    'TLS, limits, a label, polling, DNS servers and narrowed sources',
    {
      DISTRIBUTE_API_KEY: 'sk_live-AbC.123~xyz=',
      DISTRIBUTE_API_URL: 'https://gw.example.com/distribute',
      JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD,
      JOBSCOPE_TLS_CERT: CERT,
      JOBSCOPE_TLS_KEY: TLS_KEY,
      JOBSCOPE_LISTEN: '8443',
      JOBSCOPE_RATE_LIMIT: '50',
      JOBSCOPE_RECENT_DAYS: '7',
      JOBSCOPE_ENV_LABEL: 'EU "production" \\ 2',
      JOBSCOPE_POLL_MIN_MS: '2000',
      JOBSCOPE_POLL_MAX_MS: '30000',
      JOBSCOPE_RESOLVER: '10.0.0.2, [fd00::53]:53',
      JOBSCOPE_IMG_SRC: 'https://images.example.com  https://*.cdn.example.com',
      JOBSCOPE_MEDIA_SRC: 'https://audio.example.com',
      JOBSCOPE_AUDIT_LOG: '/srv/log/audit.log',
    },
  ],
]

const REFUSED: Array<[string, Record<string, string>, RegExp]> = [
  [
    'a listener on every interface with no way to keep strangers out',
    { DISTRIBUTE_API_KEY: KEY },
    /JOBSCOPE_BASIC_AUTH_FILE.*JOBSCOPE_AUTH_REQUEST_URL.*JOBSCOPE_ALLOW_CIDRS.*JOBSCOPE_ALLOW_ANONYMOUS=1/,
  ],
  [
    'a plain-http API elsewhere',
    {
      DISTRIBUTE_API_KEY: KEY,
      DISTRIBUTE_API_URL: 'http://api.distribute.ai',
      JOBSCOPE_ALLOW_ANONYMOUS: '1',
    },
    /DISTRIBUTE_API_URL must be https/,
  ],
  ...['sk"live', 'sk live', 'sk;live', 'sk$live', 'sk\\live', 'sk\nlive', 'sk\u00e9live'].map(
    (key): [string, Record<string, string>, RegExp] => [
      `the key ${JSON.stringify(key)}`,
      { DISTRIBUTE_API_KEY: `${key}-${KEY}`, JOBSCOPE_ALLOW_ANONYMOUS: '1' },
      /DISTRIBUTE_API_KEY/,
    ],
  ),
  [
    'both sign-in modes',
    {
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD,
      JOBSCOPE_AUTH_REQUEST_URL: 'http://oauth2-proxy:4180/oauth2/auth',
    },
    /not both/,
  ],
  [
    'a sign-in page without forward auth',
    {
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_ALLOW_ANONYMOUS: '1',
      JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
    },
    /needs JOBSCOPE_AUTH_REQUEST_URL/,
  ],
  [
    'a missing htpasswd file',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_BASIC_AUTH_FILE: join(DIR, 'missing') },
    /JOBSCOPE_BASIC_AUTH_FILE is not a file/,
  ],
  [
    'an address range that is not one',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_CIDRS: '10.0.0.0/33' },
    /JOBSCOPE_ALLOW_CIDRS/,
  ],
  [
    'a rate limit of 0',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_ANONYMOUS: '1', JOBSCOPE_RATE_LIMIT: '0' },
    /JOBSCOPE_RATE_LIMIT must be a whole number from 1 to 1000/,
  ],
  [
    'a retention of 400 days',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_ANONYMOUS: '1', JOBSCOPE_RECENT_DAYS: '400' },
    /JOBSCOPE_RECENT_DAYS/,
  ],
  [
    'a certificate without its key',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_ANONYMOUS: '1', JOBSCOPE_TLS_CERT: CERT },
    /both JOBSCOPE_TLS_CERT and JOBSCOPE_TLS_KEY/,
  ],
  [
    'an image source that smuggles a CSP keyword',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_ANONYMOUS: '1', JOBSCOPE_IMG_SRC: "'unsafe-inline'" },
    /JOBSCOPE_IMG_SRC/,
  ],
  [
    'ALLOW_ANONYMOUS=true',
    { DISTRIBUTE_API_KEY: KEY, JOBSCOPE_ALLOW_ANONYMOUS: 'true' },
    /JOBSCOPE_ALLOW_ANONYMOUS must be 1/,
  ],
  [
    'polling with a minimum above the maximum',
    {
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_ALLOW_ANONYMOUS: '1',
      JOBSCOPE_POLL_MIN_MS: '9000',
      JOBSCOPE_POLL_MAX_MS: '5000',
    },
    /JOBSCOPE_POLL_MIN_MS must not be larger/,
  ],
  [
    'a public URL with a path',
    {
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_AUTH_REQUEST_URL: 'http://oauth2-proxy:4180/oauth2/auth',
      JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
      JOBSCOPE_PUBLIC_URL: 'https://jobscope.example.com/app',
    },
    /JOBSCOPE_PUBLIC_URL must be an origin/,
  ],
]

afterAll(() => {
  rmSync(DIR, { recursive: true, force: true })
})

describe('deploy/docker/jobscope-settings.envsh', () => {
  it.each(ACCEPTED)(
    'accepts %s, computing the same template values and config.json as npm run serve',
    (_, env) => {
      const run = runScript(env)
      expect(run.output).toMatch(/^jobscope: proxying to /)
      expect(run.status).toBe(0)
      const expected = fromTypeScript({ ...env, JOBSCOPE_CONFIG_FILE: run.configFile })
      for (const [name, value] of Object.entries(expected.vars)) {
        expect(run.exported[name], name).toBe(value)
      }
      expect(JSON.parse(readFileSync(run.configFile, 'utf8'))).toEqual(expected.config)
    },
  )

  it.each(REFUSED)(
    'refuses %s, as npm run serve does, without showing the key',
    (_, env, message) => {
      const run = runScript(env)
      expect(run.status).not.toBe(0)
      expect(run.output).toMatch(/^jobscope: refusing to start: /)
      expect(run.output).toMatch(message)
      expect(run.output).not.toContain('Container7c1e')
      expect(() => fromTypeScript(env)).toThrow(message)
    },
  )

  it('refuses to start without a key: the container has no demo mode', () => {
    const run = runScript({ JOBSCOPE_ALLOW_ANONYMOUS: '1' })
    expect(run.status).not.toBe(0)
    expect(run.output).toMatch(/DISTRIBUTE_API_KEY is not set/)
  })

  it('keeps a config.json that is already there', () => {
    const configFile = join(DIR, 'mounted.json')
    writeFileSync(configFile, '{"apiBase":"/api","environmentLabel":"Mounted"}\n')
    const run = runScript({
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_ALLOW_ANONYMOUS: '1',
      JOBSCOPE_CONFIG_FILE: configFile,
    })
    expect(run.status).toBe(0)
    expect(readFileSync(configFile, 'utf8')).toBe(
      '{"apiBase":"/api","environmentLabel":"Mounted"}\n',
    )
  })

  it('gives envsubst every placeholder of the template, and nginx accepts the result', () => {
    const logs = mkdtempSync(join(DIR, 'nginx-'))
    mkdirSync(join(logs, 'temp'))
    const run = runScript({
      DISTRIBUTE_API_KEY: KEY,
      JOBSCOPE_BASIC_AUTH_FILE: HTPASSWD,
      JOBSCOPE_ALLOW_CIDRS: '10.0.0.0/8',
      JOBSCOPE_ROOT: join(ROOT, 'dist'),
      JOBSCOPE_AUDIT_LOG: join(logs, 'audit.log'),
      JOBSCOPE_ACCESS_LOG: join(logs, 'access.log'),
    })
    expect(run.status).toBe(0)
    for (const name of PLACEHOLDERS) expect(run.exported, String(name)).toHaveProperty(String(name))

    // What 20-envsubst-on-templates.sh does: envsubst with every variable the filter matches.
    const names = Object.keys(run.exported).filter((name) => /^(JOBSCOPE|DISTRIBUTE)_/.test(name))
    const site = execFileSync('envsubst', [names.map((name) => `\${${name}}`).join(' ')], {
      input: TEMPLATE,
      env: run.exported,
      encoding: 'utf8',
    })
    expect(site).not.toMatch(/\$\{/)
    expect(site).toContain(`proxy_set_header authorization "${KEY}";`)

    const siteConf = join(logs, 'jobscope.conf')
    const mainConf = join(logs, 'nginx.conf')
    writeFileSync(siteConf, site)
    writeFileSync(
      mainConf,
      renderTemplate(
        readFileSync(join(ROOT, 'deploy', 'nginx', 'nginx.conf.template'), 'utf8'),
        mainTemplateVars(logs, siteConf),
      ),
    )
    const check = spawnSync(
      findNginx(),
      ['-t', '-q', '-c', mainConf, '-p', `${logs}/`, '-e', 'stderr'],
      {
        encoding: 'utf8',
      },
    )
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })

  it('is installed by the Dockerfile where the official entrypoint sources it, before envsubst', () => {
    expect(statSync(SCRIPT).mode & 0o111).not.toBe(0)
    const copy =
      /COPY --chmod=755 deploy\/docker\/jobscope-settings\.envsh \/docker-entrypoint\.d\/(\S+)/.exec(
        DOCKERFILE,
      )?.[1]
    expect(copy).toMatch(/\.envsh$/)
    // /docker-entrypoint.sh runs the files in `sort -V` order; the templates are filled by 20-….
    expect([copy, '20-envsubst-on-templates.sh'].sort()).toEqual([
      copy,
      '20-envsubst-on-templates.sh',
    ])
    expect(DOCKERFILE).toContain(
      'COPY deploy/nginx/jobscope.conf.template /etc/nginx/templates/default.conf.template',
    )
    expect(DOCKERFILE).toContain("NGINX_ENVSUBST_FILTER='^(JOBSCOPE|DISTRIBUTE)_'")
    expect(DOCKERFILE).not.toMatch(/DISTRIBUTE_API_KEY=/)
  })
})
