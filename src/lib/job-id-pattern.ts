// The API's pattern for a job id (a UUID v4, either case), on its own: the early lookup script needs
// it before the app loads, and nothing else of id parsing.

/** The API's pattern for `id`, anchored. */
export const JOB_ID_PATTERN =
  /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-4[a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12}$/

export function isJobId(value: string): boolean {
  return JOB_ID_PATTERN.test(value)
}
