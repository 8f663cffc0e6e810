// The ports the browser tests hand to the servers they start: outside the kernel's ephemeral range,
// where no outgoing connection or listen(0) can take them between the check and the server's bind.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { freePort } from '../browser/support/free-port.ts'

function ephemeralRange(): [number, number] {
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number)
  return [low ?? 0, high ?? 0]
}

function listenOn(port: number): Promise<() => Promise<void>> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () =>
      resolve(() => new Promise((done) => server.close(() => done()))),
    )
  })
}

describe('freePort', () => {
  it('gives distinct ports to calls made together, each outside the ephemeral range and free', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()))
    expect(new Set(ports).size).toBe(20)
    const [low, high] = ephemeralRange()
    for (const port of ports) {
      expect(port >= low && port <= high, `port ${port} in ${low}–${high}`).toBe(false)
      expect(port).toBeGreaterThanOrEqual(1_024)
    }
    const closers = await Promise.all(ports.map(listenOn))
    await Promise.all(closers.map((close) => close()))
  })

  it('passes over a port that something already listens on', async () => {
    const taken = await freePort()
    const close = await listenOn(taken)
    try {
      // The next ports in turn start right after the taken one; make one of them busy as well.
      const next = await freePort()
      expect(next).not.toBe(taken)
      const busy = next + 1
      const closeBusy = await listenOn(busy)
      try {
        const after = await freePort()
        expect(after).not.toBe(busy)
        expect(after).not.toBe(taken)
      } finally {
        await closeBusy()
      }
    } finally {
      await close()
    }
  })
})
