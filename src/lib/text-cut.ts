// Text from the API — revised prompts, chat messages, tool-call arguments — comes unbounded. Laying
// out megabytes of text freezes the page for seconds (a 10 MB prompt: about 6 s to show a card, 7 s to
// open the lightbox), so views show a cut and the raw JSON's Copy button keeps every character.

/** Characters of one text shown at most when it is shown in full. */
export const TEXT_DISPLAY_LIMIT = 20_000
/** Enough to fill a few clamped lines at any width. */
export const TEXT_PREVIEW_CHARS = 1_000

export interface TextCut {
  readonly text: string
  /** Characters left out; 0 when the text is shown whole. */
  readonly omitted: number
}

/** The first `limit` characters, never ending in half a surrogate pair (a broken emoji). */
export function cutText(text: string, limit: number): TextCut {
  if (text.length <= limit) return { text, omitted: 0 }
  const lastCode = text.charCodeAt(limit - 1)
  const end = lastCode >= 0xd800 && lastCode <= 0xdbff ? limit - 1 : limit
  return { text: text.slice(0, end), omitted: text.length - end }
}

export function omittedNote(omitted: number): string {
  return `… ${omitted.toLocaleString('en-US')} more characters not shown here; Copy JSON under “Raw response” copies all of it.`
}

/** Enough of an unsafe URL to recognise it; a 10 MB `data:` URL is not laid out whole. */
export const URL_PREVIEW_CHARS = 500

/** The first `limit` characters, with "…" when something was left out. */
export function shortText(text: string, limit: number): string {
  const { text: shown, omitted } = cutText(text, limit)
  return omitted > 0 ? `${shown}…` : shown
}
