// Starts the real app the way the README does (`npm start` = vite dev server with the Jobscope
// middleware) on a free loopback port, and stops its whole process group afterwards.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

export interface RunningApp {
  readonly url: string
  /** Everything the server printed (stdout and stderr). */
  output(): string
  stop(): Promise<void>
}

export async function startApp(env: Record<string, string | undefined> = {}): Promise<RunningApp> {
  const port = await freePort()
  const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DISTRIBUTE_API_KEY: undefined,
      DISTRIBUTE_API_URL: undefined,
      VITEST: undefined,
      NODE_ENV: undefined,
      ...env,
      PORT: String(port),
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  await waitUntilReady(`${url}/config.json`, child, () => output)
  return { url, output: () => output, stop: () => stopProcessGroup(child) }
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited early:\n${output()}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`The app did not answer ${url} within 30 s:\n${output()}`)
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }, 5_000)
  await exited
  clearTimeout(timer)
}
