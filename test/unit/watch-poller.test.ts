// Which tab polls the watch list (the one holding the Web Lock) and how the others hear its news
// (BroadcastChannel, checked before shown). A stand-in lock manager grants the lock in request order,
// as a browser's does; the real one is exercised in test/browser/cross-tab.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WatchEvent } from '../../src/features/watch/watch-monitor.ts'
import { openWatchNews, whilePolling } from '../../src/features/watch/watch-poller.ts'

type Grant = () => Promise<void>

/** navigator.locks as far as whilePolling uses it: exclusive, granted in order, abortable while queued. */
function fakeLocks() {
  const queue: Array<{ grant: Grant; signal?: AbortSignal; reject: (error: unknown) => void }> = []
  let held = false
  const next = () => {
    if (held) return
    const waiting = queue.shift()
    if (waiting === undefined) return
    held = true
    void waiting.grant().finally(() => {
      held = false
      next()
    })
  }
  return {
    request(_name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>) {
      return new Promise<void>((resolve, reject) => {
        const item = {
          grant: () => callback().then(resolve, reject),
          ...(options.signal ? { signal: options.signal } : {}),
          reject,
        }
        options.signal?.addEventListener('abort', () => {
          const index = queue.indexOf(item)
          if (index !== -1) {
            queue.splice(index, 1)
            reject(new DOMException('aborted', 'AbortError'))
          }
        })
        queue.push(item)
        next()
      })
    },
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => vi.unstubAllGlobals())

describe('whilePolling', () => {
  it('lets one tab poll at a time, and the next takes over when it stops', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() })
    const polling: string[] = []
    const tab = (name: string) =>
      whilePolling(() => {
        polling.push(name)
        return () => polling.splice(polling.indexOf(name), 1)
      })
    const stopFirst = tab('first')
    const stopSecond = tab('second')
    const stopThird = tab('third')
    await flush()
    expect(polling).toEqual(['first'])

    stopFirst()
    await flush()
    expect(polling).toEqual(['second'])

    // A tab that closes while still waiting never polls.
    stopThird()
    stopSecond()
    await flush()
    expect(polling).toEqual([])
  })

  it('polls at once where the browser has no Web Locks', () => {
    vi.stubGlobal('navigator', {})
    const poll = vi.fn(() => () => undefined)
    whilePolling(poll)
    expect(poll).toHaveBeenCalledOnce()
  })
})

describe('openWatchNews', () => {
  const event: WatchEvent = { id: 'a9c41d27', kind: 'images', status: 'COMPLETED', reason: 'final' }

  it('tells the other tabs, not this one', async () => {
    const heardHere = vi.fn()
    const heardThere = vi.fn()
    const here = openWatchNews(heardHere)
    const there = openWatchNews(heardThere)
    try {
      here.post(event)
      await vi.waitFor(() => expect(heardThere).toHaveBeenCalledWith(event))
      expect(heardHere).not.toHaveBeenCalled()
    } finally {
      here.close()
      there.close()
    }
  })

  it.each<[string, unknown]>([
    ['not an object', 'COMPLETED'],
    ['no id', { kind: 'images', status: 'COMPLETED', reason: 'final' }],
    ['an unknown reason', { ...event, reason: 'reboot' }],
    ['a status far too long', { ...event, status: 'X'.repeat(501) }],
    ['an id far too long', { ...event, id: 'a'.repeat(101) }],
  ])('ignores a message with %s', async (_, message) => {
    const heard = vi.fn()
    const listener = openWatchNews(heard)
    const sender = new BroadcastChannel('jobscope.watch')
    try {
      sender.postMessage(message)
      sender.postMessage(event)
      await vi.waitFor(() => expect(heard).toHaveBeenCalled())
      expect(heard.mock.calls).toEqual([[event]])
    } finally {
      sender.close()
      listener.close()
    }
  })
})
