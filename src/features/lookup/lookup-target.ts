// Where the Job ID box sends what it holds: one id to that job's page, several to the batch. The
// address bar's search (/search?q=…) sends its text to the same place.
import { type JobIdInput, readJobIdInput } from '../../lib/job-id.ts'
import { batchLink } from '../batch/public.ts'

/** The page for `input`, or undefined when it holds no id (the box explains why instead). */
export function lookupHref(input: JobIdInput): string | undefined {
  switch (input.kind) {
    case 'valid':
      return `/jobs/${input.id}`
    case 'several':
      return batchLink(input.ids).href
    case 'empty':
    case 'invalid':
      return undefined
  }
}

/** The `q` of a search address (`?q=<text>`), read as the Job ID box reads its text. */
export function readSearchInput(search: string): { text: string; input: JobIdInput } {
  const text = new URLSearchParams(search).get('q') ?? ''
  return { text, input: readJobIdInput(text) }
}
