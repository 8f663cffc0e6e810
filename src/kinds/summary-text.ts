// Untrusted text made safe to paste: one line or a block, unsafe characters out, cut to a limit.
// Apart from the summary so that a kind's definition can clean a line without bringing the summary.
import { cutText } from '../lib/text-cut.ts'

/** Characters of one pasted text; the rest is marked as cut. A ticket is not the place for 10 MB. */
export const SUMMARY_TEXT_LIMIT = 2_000

// C0/C1 controls except tab and line breaks, DEL, and the bidi embeddings, overrides and isolates
// that can make pasted text read differently from its characters.
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g

/** Characters of a one-line value (a URL, a model name); a 10 MB data: URL is not pasted whole. */
export const SUMMARY_LINE_LIMIT = 500

/** One line of untrusted text: unsafe characters removed, line breaks and tabs become spaces, cut. */
export function cleanLine(value: string): string {
  const { text, omitted } = cutText(value, SUMMARY_LINE_LIMIT)
  const line = text.replace(LINE_BREAKS, ' ').replace(UNSAFE_CHARS, '').replace(/\t/g, ' ').trim()
  return omitted > 0 ? `${line}… (cut: ${omitted.toLocaleString('en-US')} more characters)` : line
}

/** Untrusted text as lines: unsafe characters removed, cut to the limit with a note. */
export function cleanBlock(value: string, limit = SUMMARY_TEXT_LIMIT): string[] {
  const { text, omitted } = cutText(value.replace(/\t/g, '    '), limit)
  const lines = text.replace(UNSAFE_CHARS, '').split(LINE_BREAKS)
  if (omitted > 0) lines.push(`… (cut: ${omitted.toLocaleString('en-US')} more characters)`)
  return lines
}
