// Revised prompts come from the API unbounded. Laying out megabytes of text freezes the page for
// seconds (a 10 MB prompt: about 6 s to show a card, 7 s to open the lightbox), so views show a cut.

/** Characters of a prompt shown at most when it is shown in full; the raw JSON keeps every one. */
export const PROMPT_DISPLAY_LIMIT = 20_000
/** Enough to fill the three clamped lines of a gallery card at any width. */
export const PROMPT_PREVIEW_CHARS = 1_000

export interface PromptCut {
  readonly text: string
  /** Characters left out; 0 when the prompt is shown whole. */
  readonly omitted: number
}

/** The first `limit` characters, never ending in half a surrogate pair (a broken emoji). */
export function cutPrompt(prompt: string, limit: number): PromptCut {
  if (prompt.length <= limit) return { text: prompt, omitted: 0 }
  const lastCode = prompt.charCodeAt(limit - 1)
  const end = lastCode >= 0xd800 && lastCode <= 0xdbff ? limit - 1 : limit
  return { text: prompt.slice(0, end), omitted: prompt.length - end }
}

export function omittedNote(omitted: number): string {
  return `… ${omitted.toLocaleString('en-US')} more characters not shown here; Copy JSON under “Raw response” copies the whole prompt.`
}
