// What the batch page lists as left out of its list: the tokens a paste rejected, as a list keeps
// them, and — when a list is opened — those it came with, read again the way a paste is read.
import { type JobIdTextAnalysis, analyseJobIdText } from '../../lib/job-id.ts'
import { REJECTED_KEPT, type RejectedTokens } from './rejected-tokens.ts'

/** What a paste left out, as a list keeps it. */
export function rejectedOf(analysis: JobIdTextAnalysis): RejectedTokens {
  return { tokens: analysis.rejected.slice(0, REJECTED_KEPT), total: analysis.rejected.length }
}

/**
 * What the batch page lists as left out of its list: the tokens in the list's text (those it came
 * with, or in a hand-made `?ids=<id>,zz0e9f4a-…`), read the way a paste is read — so nothing but
 * tokens that look like ids and are not is ever listed — and how many there were, when the list
 * could not keep them all (`statedTotal`). Null for none.
 */
export function listedRejected(listText: string, statedTotal = 0): RejectedTokens | null {
  const { tokens, total } = rejectedOf(analyseJobIdText(listText))
  const all = Math.max(total, statedTotal)
  return all === 0 ? null : { tokens, total: all }
}
