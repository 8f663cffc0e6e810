// "in POSTPONED for 4 min 52 s": how long the job has been in its status, as the job page says it.
import { formatElapsed } from '../../lib/time.ts'

/**
 * "at least" when the job was already in the status at the first answer (`sawBegin` false); "since
 * just now" in the status's first second, where "for at least 0 s" would say nothing.
 */
export function timeInStatusText(status: string, elapsedMs: number, sawBegin: boolean): string {
  const word = status || '(empty status)'
  if (elapsedMs < 1_000) return `in ${word} since just now`
  return `in ${word} for ${sawBegin ? '' : 'at least '}${formatElapsed(elapsedMs)}`
}
