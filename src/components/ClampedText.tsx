// Untrusted text of any length (a revised prompt, a chat message) as plain text with its line breaks:
// clamped to a few lines with a toggle to show it whole, and never laying out more than the limit.
import { useLayoutEffect, useRef, useState } from 'react'
import { TEXT_DISPLAY_LIMIT, TEXT_PREVIEW_CHARS, cutText, omittedNote } from '../lib/text-cut.ts'

/** Without a layout to measure (hidden, or no layout engine), texts longer than this count as long. */
const LONG_TEXT_CHARS = 160

interface ClampedTextProps {
  text: string
  /** What the text is, for the toggle: "Show full prompt", "Show full message". */
  noun: string
  /** Lines shown while collapsed. */
  lines?: 3 | 6
  className?: string
}

export function ClampedText({ text, noun, lines = 3, className = '' }: ClampedTextProps) {
  const [expanded, setExpanded] = useState(false)
  const paragraph = useRef<HTMLParagraphElement>(null)
  // Collapsed, only what the clamped lines can show is laid out; expanded, at most the limit.
  const shown = cutText(text, expanded ? TEXT_DISPLAY_LIMIT : TEXT_PREVIEW_CHARS)
  const guess = text.length > LONG_TEXT_CHARS || text.split('\n', lines + 1).length > lines
  // The toggle is offered exactly when the clamp hides something: measured, so a short prompt on a
  // wide card gets no button that does nothing, and a narrow card gets one when it needs it.
  const [overflowing, setOverflowing] = useState<boolean | null>(null)
  // Measured when the browser lays the text out anyway: a ResizeObserver reports every element it
  // starts observing after the next layout, before that frame is painted. Reading the size here
  // instead would force a layout of the whole page in the middle of React's commit.
  useLayoutEffect(() => {
    const element = paragraph.current
    if (!element || expanded) return
    const measure = () =>
      setOverflowing(
        element.clientHeight === 0 ? null : element.scrollHeight > element.clientHeight + 1,
      )
    if (typeof ResizeObserver === 'undefined') {
      measure()
      return
    }
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [text, expanded])
  const long = shown.omitted > 0 || expanded || (overflowing ?? guess)
  const clamp = lines === 3 ? 'line-clamp-3' : 'line-clamp-6'
  return (
    <div className={className}>
      <p
        ref={paragraph}
        className={`break-words whitespace-pre-wrap ${expanded ? '' : clamp}`}
        dir="auto"
      >
        {shown.text}
      </p>
      {expanded && shown.omitted > 0 && (
        <p className="text-muted mt-1 text-xs">{omittedNote(shown.omitted)}</p>
      )}
      {long && (
        <button
          type="button"
          className="link mt-1 inline-flex min-h-6 items-center text-xs"
          aria-expanded={expanded}
          onClick={() => setExpanded((value) => !value)}
        >
          {expanded ? 'Show less' : `Show full ${noun}`}
        </button>
      )}
    </div>
  )
}
