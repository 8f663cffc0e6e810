// Tool-call arguments are JSON text in the OpenAI shape, but the API does not document them: shown
// pretty-printed when they parse, as sent otherwise.

export interface ToolArguments {
  readonly text: string
  /** Whether `text` is pretty-printed JSON (shown as code) rather than raw text. */
  readonly json: boolean
}

/** Parsing megabytes of arguments on every render would stall the page; beyond this, raw text. */
const PRETTY_PRINT_LIMIT = 200_000

export function toolArguments(raw: string | null): ToolArguments | null {
  if (raw === null) return null
  if (raw.length <= PRETTY_PRINT_LIMIT) {
    try {
      const parsed: unknown = JSON.parse(raw)
      if (typeof parsed === 'object' && parsed !== null) {
        return { text: JSON.stringify(parsed, null, 2), json: true }
      }
    } catch {
      // not JSON: shown as sent
    }
  }
  return { text: raw, json: false }
}
