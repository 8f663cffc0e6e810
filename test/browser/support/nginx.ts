// The production path under test: real nginx with deploy/nginx/, started by the very code `npm run serve`
// runs (scripts/nginx-runtime.ts), plus the bits the browser tests need around it.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { type IncomingHttpHeaders, createServer, request } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ROOT,
  type Serve,
  healthStatus,
  startServe,
  waitForHealthy,
} from '../../../scripts/nginx-runtime.ts'
import { renderDemoImage } from '../../../server/demo-images.ts'
import { freePort } from './free-port.ts'

export interface RunningNginx {
  readonly url: string
  /** What nginx (or the serve CLI) printed. */
  output(): string
  /** The audit trail's lines so far, parsed (one JSON object per proxied lookup). */
  auditEntries(): AuditEntry[]
  /** Every log line nginx wrote so far: audit, access log, and what it printed. */
  allLogText(): string
  stop(): Promise<void>
}

export interface AuditEntry {
  time: string
  user: string
  client: string
  kind: string
  job_id: string
  upstream_status: number | null
  upstream_ms: number | null
}

/** Only what `npm run serve` reads, so the developer's own environment cannot leak in. */
function serveEnv(env: Record<string, string>, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...(process.env.NGINX_BIN ? { NGINX_BIN: process.env.NGINX_BIN } : {}),
    JOBSCOPE_HOST: '127.0.0.1',
    ...env,
    PORT: String(port),
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

function parseAudit(text: string): AuditEntry[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry)
}

/**
 * startServe() in this process, with nginx in its own process group, and its audit trail in a
 * folder of its own (removed on stop).
 */
export async function startNginx(env: Record<string, string>): Promise<RunningNginx> {
  let output = ''
  const logDir = mkdtempSync(join(tmpdir(), 'jobscope-audit-'))
  const auditLog = env.JOBSCOPE_AUDIT_LOG ?? join(logDir, 'audit.log')
  const serve: Serve = await startServe(
    serveEnv({ JOBSCOPE_AUDIT_LOG: auditLog, ...env }, await freePort()),
    {
      detached: true,
      stdio: 'pipe',
      quietBuild: true,
      keepLogs: false,
      onOutput: (text) => (output += text),
    },
  )
  try {
    await waitForHealthy(serve, () => output)
  } catch (error) {
    await serve.stop()
    throw error
  }
  return {
    url: serve.url,
    output: () => output,
    auditEntries: () => parseAudit(readText(auditLog)),
    allLogText: () => [readText(auditLog), readText(serve.accessLog), output].join('\n'),
    stop: async () => {
      await serve.stop()
      rmSync(logDir, { recursive: true, force: true })
    },
  }
}

/** `npm run serve` itself (tsx scripts/serve.ts), detached; stopped by killing its process group. */
export async function startServeCli(env: Record<string, string> = {}): Promise<RunningNginx> {
  const port = await freePort()
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts'], {
    cwd: ROOT,
    env: serveEnv(env, port),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm run serve exited early:\n${output}`)
    if (Date.now() > deadline) {
      await stopGroup(child)
      throw new Error(`npm run serve did not answer ${url}/healthz within 60 s:\n${output}`)
    }
    if ((await healthStatus(url)) === 200 && output.includes('Audit log:')) break
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const auditLog = /Audit log: (\S+)/.exec(output)?.[1] ?? ''
  return {
    url,
    output: () => output,
    auditEntries: () => parseAudit(readText(auditLog)),
    allLogText: () => [readText(auditLog), output].join('\n'),
    stop: () => stopGroup(child),
  }
}

export interface ServeRun {
  /** null when it was still running after the time allowed (it is then stopped). */
  readonly code: number | null
  readonly output: string
}

/** Runs `npm run serve` expecting it to refuse to start; returns its exit code and output. */
export async function runServeCli(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServeRun> {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts'], {
    cwd: ROOT,
    env: serveEnv(env, await freePort()),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      void stopGroup(child).then(() => resolve(null))
    }, timeoutMs)
    child.once('exit', (exitCode) => {
      clearTimeout(timer)
      resolve(exitCode)
    })
  })
  return { code, output }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const pid = child.pid
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    process.kill(-pid, 'SIGTERM')
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }, 5_000)
  await exited
  clearTimeout(timer)
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/**
 * One HTTP request with the path sent exactly as given: fetch() would normalise `/api/../x` before
 * sending it, and would decompress the body.
 */
/**
 * Every header nginx sends the API with a lookup (sorted): its own, plus the key. Nothing of the
 * browser's — cookies, user agent, origin, accept-encoding — goes upstream.
 */
export const HEADERS_TO_UPSTREAM = [
  'accept',
  'authorization',
  'connection',
  'content-length',
  'content-type',
  'host',
]

export function rawRequest(
  base: string,
  path: string,
  options: {
    method?: string
    headers?: Record<string, string>
    body?: string
    /** The client's own address (any 127.x.x.x works on loopback), e.g. for CIDR tests. */
    localAddress?: string
  } = {},
): Promise<RawResponse> {
  const { hostname, port, protocol } = new URL(base)
  const send = protocol === 'https:' ? httpsRequest : request
  return new Promise((resolve, reject) => {
    const req = send(
      {
        hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        rejectUnauthorized: false,
        // A connection of its own: nginx closes one after an early answer (413 before the body),
        // and a reused one would mix that up with the next request's answer.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export interface ImageHost {
  /** The origin result image URLs point at, like the API's image CDN. */
  readonly url: string
  close(): Promise<void>
}

/** Serves a PNG for any GET /<name>.png, from its own origin. */
export async function startImageHost(): Promise<ImageHost> {
  const server = createServer((req, res) => {
    const match = /^\/([a-z0-9-]+)\.png$/.exec(req.url ?? '')
    if (req.method !== 'GET' || !match) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' })
    res.end(renderDemoImage(match[1] ?? 'x', 0))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
