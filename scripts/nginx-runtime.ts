// Everything `npm run serve` does, as functions the CLI (scripts/serve.ts) and the browser tests share:
// build dist/ when it is stale, start the demo upstream when there is no key, render deploy/nginx/*
// into .tmp/nginx-<PORT>/, check it with `nginx -t`, and run nginx in the foreground.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import { constants as osConstants } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DemoServer, startDemoServer } from '../server/demo-server.ts'
import {
  type ServeSettings,
  mainTemplateVars,
  readServeSettings,
  renderTemplate,
  siteTemplateVars,
} from '../server/nginx-config.ts'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const DIST_DIR = join(ROOT, 'dist')
export const TEMPLATE_DIR = join(ROOT, 'deploy', 'nginx')

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

/**
 * nginx started as root runs its workers as `nobody`, which must be able to read dist/ and the runtime
 * folder. In a checkout under a private home (/root is 0700) it cannot; the workers then keep root.
 */
function workerUserDirective(paths: readonly string[]): string {
  if (process.getuid?.() !== 0) return ''
  const readableByOthers = paths.every((path) => {
    for (let dir = path; ; dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o005) === 0) return false
      if (dirname(dir) === dir) return true
    }
  })
  return readableByOthers ? '' : ' user root root;'
}

export interface RenderedNginx {
  readonly runtimeDir: string
  readonly mainConf: string
  /** The rendered configuration files (the site one holds the key): deleted when nginx stops. */
  readonly configFiles: readonly string[]
  /** Arguments for nginx after `-c <mainConf>` (same for `-t` and the real run). */
  readonly args: readonly string[]
}

/** Writes nginx.conf, jobscope.conf and config.json into .tmp/nginx-<port>/. */
export function renderNginxRuntime(
  settings: ServeSettings,
  upstream: { apiUrl: string; apiKey: string; imgSrc: string; demo: boolean },
): RenderedNginx {
  const runtimeDir = join(ROOT, '.tmp', `nginx-${settings.port}`)
  mkdirSync(join(runtimeDir, 'temp'), { recursive: true })
  const siteConf = join(runtimeDir, 'jobscope.conf')
  const mainConf = join(runtimeDir, 'nginx.conf')
  const configFile = join(runtimeDir, 'config.json')

  const site = renderTemplate(
    readFileSync(join(TEMPLATE_DIR, 'jobscope.conf.template'), 'utf8'),
    siteTemplateVars({
      listen: settings.listen,
      root: DIST_DIR,
      configFile,
      imgSrc: upstream.imgSrc,
      caCerts: settings.caCerts,
      apiUrl: upstream.apiUrl,
      apiKey: upstream.apiKey,
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
  const globals = `daemon off;${workerUserDirective([DIST_DIR, runtimeDir])}`
  return {
    runtimeDir,
    mainConf,
    configFiles: [siteConf, mainConf],
    args: ['-p', `${runtimeDir}/`, '-e', 'stderr', '-g', globals],
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
   * Keep access.log in .tmp/nginx-<PORT>/ after nginx stops (the CLI does); otherwise the whole
   * folder goes. The rendered configuration, which holds the key, is deleted either way.
   */
  keepLogs?: boolean
}

export async function startServe(
  env: NodeJS.ProcessEnv = process.env,
  options: StartServeOptions = {},
): Promise<Serve> {
  const settings = readServeSettings(env)
  const nginx = findNginx(env)
  await assertPortFree(settings.host, settings.port)
  ensureBuilt({ quiet: options.quietBuild ?? false })

  let demo: DemoServer | undefined
  if (settings.upstream.mode === 'demo') demo = await startDemoServer()
  try {
    const upstream =
      settings.upstream.mode === 'live'
        ? { ...settings.upstream, imgSrc: settings.imgSrc, demo: false }
        : demo
          ? { apiUrl: demo.url, apiKey: '', imgSrc: `${settings.imgSrc} ${demo.url}`, demo: true }
          : undefined
    if (!upstream) throw new Error('unreachable: demo mode without a demo server')
    const rendered = renderNginxRuntime(settings, upstream)
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

    const shownHost =
      settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host === '::' ? '::1' : settings.host
    const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${settings.port}`
    const summary =
      settings.upstream.mode === 'demo'
        ? `Jobscope (nginx): ${url} — DEMO mode: DISTRIBUTE_API_KEY is not set, nginx proxies to the built-in demo upstream at ${demo?.url ?? '?'}.`
        : `Jobscope (nginx): ${url} — LIVE mode: nginx proxies job lookups to ${settings.upstream.apiUrl} (API key from DISTRIBUTE_API_KEY).`
    return {
      url,
      mode: settings.upstream.mode,
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

function removeRuntime(rendered: RenderedNginx, keepLogs: boolean) {
  if (!keepLogs) {
    rmSync(rendered.runtimeDir, { recursive: true, force: true })
    return
  }
  for (const file of rendered.configFiles) rmSync(file, { force: true })
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
    try {
      if ((await fetch(`${serve.url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`nginx did not answer ${serve.url}/healthz within 15 s:\n${output()}`)
}
