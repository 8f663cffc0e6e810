// Work the person need not wait for (rewriting the address, say) runs after the frame that shows the
// latest change: an animation frame callback runs just before that frame's paint, a task queued from
// it just after. Where there are no frames (jsdom, a hidden tab), a task is the best there is.

/** Runs `work` after the next paint; returns a function that cancels it if it has not run yet. */
export function afterNextPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let frame: number | undefined
  const later = () => {
    timer = setTimeout(work, 0)
  }
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
    frame = requestAnimationFrame(later)
  } else {
    later()
  }
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}
