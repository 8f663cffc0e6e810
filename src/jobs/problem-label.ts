// A problem in a few words, for a table cell, a list entry or a status line: "not found", "API error
// 502", "sign-in expired". The long form for the job page is describe-problem.ts.
import { isApiError } from '../api/api-error.ts'

/** A few words for a table cell or a list entry: "not found", "API error 502", "sign-in expired". */
export function problemLabel(error: unknown): string {
  if (!isApiError(error)) return 'error'
  switch (error.proxyCode) {
    case 'sign-in-required':
      return 'sign-in expired'
    case 'forbidden':
      return 'access denied'
    case 'auth-unavailable':
      return 'sign-in service down'
    case 'rate-limited':
      return 'rate-limited'
  }
  switch (error.kind) {
    case 'not-found':
      return 'not found'
    case 'unauthorized':
      return 'key refused'
    case 'rate-limited':
      return 'rate-limited'
    case 'upstream':
      return `API error${error.status ? ` ${error.status}` : ''}`
    case 'network':
      return 'no answer'
    case 'bad-response':
      return 'unexpected response'
  }
}

/** The short label with the error's own message, for a tooltip. */
export function problemTitle(error: unknown): string {
  return error instanceof Error ? `${problemLabel(error)}: ${error.message}` : problemLabel(error)
}
