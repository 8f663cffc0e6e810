// Everything `npm run serve` does, as functions the CLI (scripts/serve.ts) and the browser tests share:
// build dist/ when it is stale, start the demo upstream when there is no key, render deploy/nginx/*
// into .tmp/nginx-<PORT>/ (as root: a folder under the system temp directory that the `nobody`
// workers can read), check it with `nginx -t`, and run nginx in the foreground.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { createServer as createNetServer } from 'node:net'
import { constants as osConstants, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DemoServer, startDemoServer } from '../server/demo-server.ts'
import {
  type ServeSettings,
  mainTemplateVars,
  readServeSettings,
  renderTemplate,
  resolversFromResolvConf,
  siteTemplateVars,
} from '../server/nginx-config.ts'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const DIST_DIR = join(ROOT, 'dist')
export const TEMPLATE_DIR = join(ROOT, 'deploy', 'nginx')
/** Where `npm run serve` keeps the audit trail unless JOBSCOPE_AUDIT_LOG says otherwise. */
export const DEFAULT_AUDIT_LOG = join(ROOT, '.tmp', 'jobscope-audit.log')

const NGINX_INSTALL_HINT = 'nginx is not installed: sudo apt-get install -y nginx'

// ---------------------------------------------------------------------------------------------
// Build

/** What `npm run build` reads; dist/ is stale when any of it is newer than dist/index.html. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function isBuildFresh(root = ROOT): boolean {
  const index = join(root, 'dist', 'index.html')
  if (!existsSync(index)) return false
  const built = statSync(index).mtimeMs
  return BUILD_INPUTS.every((input) => newestMtime(join(root, input)) <= built)
}

/** Runs `vite build` unless dist/ is up to date. Returns whether it built. */
export function ensureBuilt(options: { quiet?: boolean } = {}): boolean {
  if (isBuildFresh()) return false
  const env: NodeJS.ProcessEnv = { ...process.env }
  // Under Vitest these would turn the production build into a test/development one.
  delete env.NODE_ENV
  delete env.VITEST
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'],
    {
      cwd: ROOT,
      env,
      stdio: options.quiet ? 'pipe' : 'inherit',
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) {
    const output = options.quiet ? `\n${result.stdout}${result.stderr}` : ''
    throw new Error(`npm run build failed (exit ${result.status ?? result.signal})${output}`)
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// nginx

/** NGINX_BIN when set (and then only it), else Debian's /usr/sbin/nginx, else the first on PATH. */
export function findNginx(
  env: NodeJS.ProcessEnv = process.env,
  standardPaths: readonly string[] = ['/usr/sbin/nginx'],
): string {
  const isExecutable = (path: string) => {
    try {
      accessSync(path, constants.X_OK)
      return statSync(path).isFile()
    } catch {
      return false
    }
  }
  if (env.NGINX_BIN) {
    if (isExecutable(env.NGINX_BIN)) return env.NGINX_BIN
    throw new Error(`NGINX_BIN is not an executable file: ${env.NGINX_BIN}`)
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'nginx'))
  const found = [...standardPaths, ...onPath].find(isExecutable)
  if (found === undefined) throw new Error(NGINX_INSTALL_HINT)
  return found
}

/** Fails fast with a clear message; nginx itself would retry bind() for seconds first. */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use (set PORT to use another)`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    )
    probe.listen(port, host, () => probe.close(() => resolve()))
  })
}

/** The account nginx's workers run as when serve runs as root: never root itself. */
export interface WorkerAccount {
  readonly user: string
  readonly group: string
  readonly gid: number
}

/** `nobody` with Debian's `nogroup` (or a `nobody` group elsewhere); null when not running as root. */
export function workerAccount(
  uid = process.getuid?.(),
  groupFile = existsSync('/etc/group') ? readFileSync('/etc/group', 'utf8') : '',
): WorkerAccount | null {
  if (uid !== 0) return null
  for (const group of ['nogroup', 'nobody']) {
    const gid = new RegExp(`^${group}:[^:]*:(\\d+):`, 'm').exec(groupFile)?.[1]
    if (gid !== undefined) return { user: 'nobody', group, gid: Number(gid) }
  }
  throw new Error(
    'npm run serve runs as root, but there is no nogroup or nobody group for the workers',
  )
}

/** Makes a copied tree readable by anyone (it is the public site: files 644, folders 755). */
function makeWorldReadable(path: string) {
  const stat = statSync(path)
  chmodSync(path, stat.isDirectory() ? 0o755 : 0o644)
  if (stat.isDirectory())
    for (const entry of readdirSync(path)) makeWorldReadable(join(path, entry))
}

export interface RenderedNginx {
  readonly runtimeDir: string
  readonly mainConf: string
  readonly accessLog: string
  readonly auditLog: string
  /** The rendered configuration files (the site one holds the key): deleted when nginx stops. */
  readonly configFiles: readonly string[]
  /** Copies made for the workers (the site, the htpasswd file): deleted when nginx stops. */
  readonly stagedFiles: readonly string[]
  /** Arguments for nginx after `-c <mainConf>` (same for `-t` and the real run). */
  readonly args: readonly string[]
}

export interface RenderUpstream {
  readonly apiUrl: string
  readonly apiKey: string
  readonly imgSrc: string
  readonly mediaSrc: string
  readonly demo: boolean
}

/**
 * Writes nginx.conf, jobscope.conf and config.json into .tmp/nginx-<port>/. When serve runs as root,
 * nginx's workers run as `nobody` instead, and what they read (the site, config.json, the htpasswd
 * file) and write (temp files) goes to a fresh folder under the system's temp directory, readable by
 * them: a checkout in a private home (/root is 0700) could not be read otherwise.
 */
export function renderNginxRuntime(
  settings: ServeSettings,
  upstream: RenderUpstream,
  {
    worker = workerAccount(),
    siteDir = DIST_DIR,
  }: { worker?: WorkerAccount | null; siteDir?: string } = {},
): RenderedNginx {
  let runtimeDir = join(ROOT, '.tmp', `nginx-${settings.listen.port}`)
  let root = siteDir
  let basicAuthFile = settings.access.basicAuthFile
  const stagedFiles: string[] = []
  if (worker) {
    runtimeDir = mkdtempSync(join(tmpdir(), `jobscope-nginx-${settings.listen.port}-`))
    chmodSync(runtimeDir, 0o755)
    root = join(runtimeDir, 'site')
    cpSync(siteDir, root, { recursive: true })
    makeWorldReadable(root)
    stagedFiles.push(root)
    if (basicAuthFile !== null) {
      // Readable by the workers' group only, not by everyone.
      const copy = join(runtimeDir, 'htpasswd')
      copyFileSync(basicAuthFile, copy)
      chownSync(copy, 0, worker.gid)
      chmodSync(copy, 0o640)
      basicAuthFile = copy
      stagedFiles.push(copy)
    }
  }
  mkdirSync(join(runtimeDir, 'temp'), { recursive: true })
  const siteConf = join(runtimeDir, 'jobscope.conf')
  const mainConf = join(runtimeDir, 'nginx.conf')
  const configFile = join(runtimeDir, 'config.json')
  const accessLog = join(runtimeDir, 'access.log')
  const auditLog = settings.auditLog ?? DEFAULT_AUDIT_LOG
  mkdirSync(join(auditLog, '..'), { recursive: true })
  const resolvers =
    settings.resolvers ??
    resolversFromResolvConf(
      existsSync('/etc/resolv.conf') ? readFileSync('/etc/resolv.conf', 'utf8') : '',
    )

  const site = renderTemplate(
    readFileSync(join(TEMPLATE_DIR, 'jobscope.conf.template'), 'utf8'),
    siteTemplateVars({
      listen: settings.listen.listen,
      root,
      configFile,
      imgSrc: upstream.imgSrc,
      mediaSrc: upstream.mediaSrc,
      caCerts: settings.caCerts,
      apiUrl: upstream.apiUrl,
      apiKey: upstream.apiKey,
      access: { ...settings.access, basicAuthFile },
      rateLimitPerSecond: settings.rateLimitPerSecond,
      tls: settings.tls,
      auditLog,
      accessLog,
      resolvers,
    }),
  )
  const main = renderTemplate(
    readFileSync(join(TEMPLATE_DIR, 'nginx.conf.template'), 'utf8'),
    mainTemplateVars(runtimeDir, siteConf),
  )
  // The site config holds the key: readable by this user (and nginx's master) only.
  writeFileSync(siteConf, site, { mode: 0o600 })
  writeFileSync(mainConf, main, { mode: 0o600 })
  writeFileSync(
    configFile,
    `${JSON.stringify({ ...settings.runtimeConfig, demo: upstream.demo }, null, 2)}\n`,
    { mode: 0o644 },
  )
  const user = worker ? ` user ${worker.user} ${worker.group};` : ''
  return {
    runtimeDir,
    mainConf,
    accessLog,
    auditLog,
    configFiles: [siteConf, mainConf],
    stagedFiles,
    args: ['-p', `${runtimeDir}/`, '-e', 'stderr', '-g', `daemon off;${user}`],
  }
}

/** `nginx -t`; throws with nginx's own message when the configuration is refused. */
export function checkNginxConfig(nginx: string, rendered: RenderedNginx): void {
  const result = spawnSync(nginx, ['-t', '-q', '-c', rendered.mainConf, ...rendered.args], {
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`nginx refused the configuration:\n${(result.stderr || result.stdout).trim()}`)
  }
}

// ---------------------------------------------------------------------------------------------
// The whole of `npm run serve`

export interface Serve {
  readonly url: string
  readonly mode: 'demo' | 'live'
  /** Where nginx writes the access log and the audit trail. */
  readonly accessLog: string
  readonly auditLog: string
  /** The line printed at start: URL and mode, never the key. */
  readonly summary: string
  readonly nginx: ChildProcess
  /** nginx's exit code (128 + signal number when it was killed by a signal). */
  readonly exited: Promise<number>
  /** Stops nginx (its whole process group when detached) and the demo upstream. */
  stop(): Promise<void>
}

export interface StartServeOptions {
  /** Run nginx in its own process group (tests kill the group); the CLI keeps it attached. */
  detached?: boolean
  /** 'inherit' for the CLI; 'pipe' collects nginx's stderr in `output`. */
  stdio?: 'inherit' | 'pipe'
  /** Called with nginx's output when stdio is 'pipe'. */
  onOutput?: (text: string) => void
  /** Build output is hidden (tests). */
  quietBuild?: boolean
  /**
   * Another built site to serve instead of dist/ (the benchmark's floor app), with the same
   * configuration; dist/ is then not built.
   */
  siteDir?: string
  /**
   * Keep access.log in its runtime folder after nginx stops (the CLI does); otherwise the whole
   * folder goes. The rendered configuration, which holds the key, and the copies made for the
   * workers are deleted either way. The audit log is never deleted.
   */
  keepLogs?: boolean
}

export async function startServe(
  env: NodeJS.ProcessEnv = process.env,
  options: StartServeOptions = {},
): Promise<Serve> {
  const settings = readServeSettings(env)
  const nginx = findNginx(env)
  await assertPortFree(settings.listen.host, settings.listen.port)
  if (options.siteDir === undefined) ensureBuilt({ quiet: options.quietBuild ?? false })

  let demo: DemoServer | undefined
  if (settings.upstream.mode === 'demo') demo = await startDemoServer()
  try {
    // The demo's result files come from its own origin, as real ones come from the API's file hosts.
    const upstream: RenderUpstream | undefined =
      settings.upstream.mode === 'live'
        ? {
            ...settings.upstream,
            imgSrc: settings.imgSrc,
            mediaSrc: settings.mediaSrc,
            demo: false,
          }
        : demo
          ? {
              apiUrl: demo.url,
              apiKey: '',
              imgSrc: `${settings.imgSrc} ${demo.url}`,
              mediaSrc: `${settings.mediaSrc} ${demo.url}`,
              demo: true,
            }
          : undefined
    if (!upstream) throw new Error('unreachable: demo mode without a demo server')
    const rendered = renderNginxRuntime(
      settings,
      upstream,
      options.siteDir === undefined ? {} : { siteDir: options.siteDir },
    )
    try {
      checkNginxConfig(nginx, rendered)
    } catch (error) {
      removeRuntime(rendered, true)
      throw error
    }

    const child = spawn(nginx, ['-c', rendered.mainConf, ...rendered.args], {
      detached: options.detached ?? false,
      stdio: options.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    })
    child.stdout?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()))
    const exited = new Promise<number>((resolve) => {
      child.once('exit', (code, signal) => {
        void demo?.close()
        removeRuntime(rendered, options.keepLogs ?? true)
        resolve(code ?? 128 + signalNumber(signal))
      })
      child.once('error', () => {
        removeRuntime(rendered, options.keepLogs ?? true)
        resolve(127)
      })
    })

    const { host, port } = settings.listen
    const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
    const scheme = settings.tls ? 'https' : 'http'
    const url = `${scheme}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`
    const mode =
      settings.upstream.mode === 'demo'
        ? `DEMO mode: DISTRIBUTE_API_KEY is not set, nginx proxies to the built-in demo upstream at ${demo?.url ?? '?'}.`
        : `LIVE mode: nginx proxies job lookups to ${settings.upstream.apiUrl} (API key from DISTRIBUTE_API_KEY).`
    const summary = [
      `Jobscope (nginx): ${url} — ${mode}`,
      `  Access: ${describeAccess(settings)}`,
      `  Limit: ${settings.rateLimitPerSecond} lookups a second per person.${settings.tls ? ' TLS 1.2/1.3, HTTP/2.' : ''}`,
      `  Audit log: ${rendered.auditLog}`,
      `  Access log: ${rendered.accessLog}`,
    ].join('\n')
    return {
      url,
      mode: settings.upstream.mode,
      accessLog: rendered.accessLog,
      auditLog: rendered.auditLog,
      summary,
      nginx: child,
      exited,
      stop: () => stopNginx(child, exited, options.detached ?? false).then(() => demo?.close()),
    }
  } catch (error) {
    await demo?.close()
    throw error
  }
}

/** One line on who can get in, for the start-up summary. */
export function describeAccess({ access, listen }: ServeSettings): string {
  const ways = [
    access.basicAuthFile && `HTTP Basic (${access.basicAuthFile})`,
    access.authRequestUrl && `forward auth (${access.authRequestUrl})`,
    access.allowCidrs.length > 0 && `client addresses ${access.allowCidrs.join(', ')}`,
  ].filter(Boolean)
  if (ways.length > 0) return ways.join(' + ')
  return listen.loopback
    ? 'anyone on this machine (loopback; no sign-in)'
    : 'ANYONE who can reach it (JOBSCOPE_ALLOW_ANONYMOUS=1)'
}

function removeRuntime(rendered: RenderedNginx, keepLogs: boolean) {
  if (!keepLogs) {
    rmSync(rendered.runtimeDir, { recursive: true, force: true })
    return
  }
  for (const file of [...rendered.configFiles, ...rendered.stagedFiles])
    rmSync(file, { recursive: true, force: true })
}

async function stopNginx(child: ChildProcess, exited: Promise<number>, group: boolean) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const pid = child.pid
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(group ? -pid : pid, signal)
    } catch {
      // already gone
    }
  }
  kill('SIGTERM')
  const timer = setTimeout(() => kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === null ? 0 : (osConstants.signals[signal] ?? 0)
}

/** Waits until nginx answers /healthz, or throws (with what it printed) when it exits or times out. */
export async function waitForHealthy(serve: Serve, output: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + 15_000
  let gone = false
  void serve.exited.then(() => (gone = true))
  while (Date.now() < deadline) {
    if (gone) throw new Error(`nginx exited early:\n${output()}`)
    if ((await healthStatus(serve.url)) === 200) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`nginx did not answer ${serve.url}/healthz within 15 s:\n${output()}`)
}

/**
 * The status of GET <url>/healthz, or 0 when nothing answers. Over https the certificate is not
 * checked: this only asks whether our own nginx is up (it may use a self-signed certificate).
 */
export function healthStatus(url: string): Promise<number> {
  const target = new URL('/healthz', url)
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve) => {
    const req = request(target, { rejectUnauthorized: false, timeout: 2_000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', () => resolve(0))
    req.on('timeout', () => req.destroy())
    req.end()
  })
}
