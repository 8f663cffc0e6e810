// afterNextPaint: work that can wait for the frame showing the latest change (src/lib/after-paint.ts).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterNextPaint } from '../../src/lib/after-paint.ts'

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs the work after the next animation frame, in a task of its own', () => {
    vi.useFakeTimers()
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frames.push(callback),
    )
    vi.stubGlobal('cancelAnimationFrame', vi.fn())
    const work = vi.fn()
    afterNextPaint(work)
    vi.runAllTimers()
    expect(work).not.toHaveBeenCalled()
    frames.shift()?.(0)
    expect(work).not.toHaveBeenCalled()
    vi.runAllTimers()
    expect(work).toHaveBeenCalledOnce()
  })

  it('runs in a task where there are no frames, and not at all once cancelled', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', undefined)
    const done = vi.fn()
    afterNextPaint(done)
    const cancelled = vi.fn()
    const cancel = afterNextPaint(cancelled)
    cancel()
    vi.runAllTimers()
    expect(done).toHaveBeenCalledOnce()
    expect(cancelled).not.toHaveBeenCalled()
  })
})
