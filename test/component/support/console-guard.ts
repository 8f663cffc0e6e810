// Fails a test on any console.error it did not ask for: React warnings (act, keys, invalid DOM),
// MSW's unhandled-request report and the error boundary all log there.
import { vi, type MockInstance } from 'vitest'

let spy: MockInstance<typeof console.error> | undefined
let expected = false

export function watchConsoleError(): void {
  expected = false
  spy = vi.spyOn(console, 'error')
}

/** For a test that expects an error to be logged: silences it and skips the check for this test. */
export function expectConsoleError(): void {
  expected = true
  spy?.mockImplementation(() => {})
}

export function assertNoUnexpectedConsoleError(): void {
  const calls = spy?.mock.calls ?? []
  spy?.mockRestore()
  spy = undefined
  if (expected || calls.length === 0) return
  throw new Error(
    `console.error was called ${calls.length} time(s) unexpectedly:\n${calls
      .map((args) => args.map(String).join(' '))
      .join('\n---\n')}`,
  )
}
