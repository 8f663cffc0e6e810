// A port for a server a test (or a measuring script) starts in another process: the dev server,
// nginx, `npm run serve`. The process binds it later, so the port must stay free meanwhile.
//
// Not from the kernel's ephemeral range (what `listen(0)` draws from): a port found free there can
// be handed to any other socket — an outgoing connection of Chromium, of the dev proxy, another
// listen(0) — between the check and the server's bind. That happened in a clean run ("Port 41469 is
// already in use", the fault suite's dev server). Outside that range the kernel never assigns a port
// by itself, so only a deliberate bind can take one; each vitest worker draws from its own slice, in
// turn, and a port is checked free before it is handed out.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

const SLICE = 1_000

/** The kernel's ephemeral range (Linux); the usual default where it cannot be read. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
    if (
      low !== undefined &&
      high !== undefined &&
      Number.isInteger(low) &&
      Number.isInteger(high)
    ) {
      return [low, high]
    }
  } catch {
    // not Linux, or no /proc
  }
  return [32_768, 60_999]
}

/** The ports below the ephemeral range (or above it, where it starts low), clear of well-known ones. */
function quietRange(): [number, number] | undefined {
  const [low, high] = ephemeralRange()
  if (low - 10_000 >= 2 * SLICE) return [10_000, low]
  if (65_536 - (high + 1) >= 2 * SLICE) return [high + 1, 65_536]
  return undefined
}

const range = quietRange()
const slices = range ? Math.floor((range[1] - range[0]) / SLICE) : 0
// VITEST_POOL_ID is 1…maxWorkers in a test worker; a script run on its own takes slice 0.
const slice = slices > 0 ? Number(process.env.VITEST_POOL_ID ?? 0) % slices : 0
let next = Math.floor(Math.random() * SLICE)

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

/** What the kernel gives for port 0: only where no quiet range exists. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** A free loopback port, taken in turn, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  if (!range) return kernelPort()
  const start = range[0] + slice * SLICE
  for (let tries = 0; tries < SLICE; tries++) {
    const port = start + (next++ % SLICE)
    if (await canListen(port)) return port
  }
  throw new Error(`No free port in ${start}–${start + SLICE - 1}`)
}
