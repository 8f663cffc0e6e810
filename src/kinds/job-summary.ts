// Text to paste into a ticket: times in UTC so the reader's zone never matters. Everything the API
// sent is untrusted: values are cleaned to one line, and prompts and messages are pasted as blocks
// indented deeper than any line of the summary itself, so a result can never forge one of its lines.
import type { JobBase as Job } from '../api/job-base.ts'
import { type JobTime, formatDuration, formatUtc } from '../lib/time.ts'
import { cleanBlock, cleanLine } from './summary-text.ts'

export { SUMMARY_LINE_LIMIT, SUMMARY_TEXT_LIMIT, cleanBlock, cleanLine } from './summary-text.ts'

export interface SummaryFact {
  readonly label: string
  readonly value: string
}

/** A long, untrusted text (a revised prompt, a message, tool-call arguments). */
export interface SummaryText {
  readonly label: string
  /** null: the API sent none; shown as `absent`. */
  readonly text: string | null
  readonly absent: string
}

/** One result: an image, a chat choice, an audio file. */
export interface SummaryEntry {
  /** Its first line, e.g. "1. https://…" or "Choice 0 · assistant · finish reason: stop". */
  readonly title: string
  readonly facts?: readonly SummaryFact[]
  readonly texts?: readonly SummaryText[]
}

/** What a job's kind adds to the summary (the registry entry provides it). */
export interface KindSummary {
  /** The kind's word, e.g. "Chat". */
  readonly label: string
  /** Extra facts after the times, e.g. token usage. */
  readonly facts: readonly SummaryFact[]
  /** e.g. "Images: 2". */
  readonly resultsLine: SummaryFact
  readonly entries: readonly SummaryEntry[]
  /** The kind's part of a one-line summary, e.g. "2 images" or "1 choice · 1,234 tokens". */
  readonly lineParts: readonly string[]
}

function timeText(time: JobTime, absent: string): string {
  if (time.kind === 'valid') return formatUtc(time.date)
  if (time.kind === 'invalid') return `${cleanLine(time.raw)} (unreadable)`
  return absent
}

export function jobDurationMs(job: Job): number | null {
  return job.created.kind === 'valid' && job.finished.kind === 'valid'
    ? job.finished.date.getTime() - job.created.date.getTime()
    : null
}

function commonFacts(job: Job, kind: KindSummary): SummaryFact[] {
  const duration = jobDurationMs(job)
  return [
    { label: 'Kind', value: kind.label },
    { label: 'Status', value: job.status },
    { label: 'Model', value: job.model ?? 'not reported' },
    { label: 'Created', value: timeText(job.created, 'not reported') },
    { label: 'Finished', value: timeText(job.finished, 'not finished') },
    { label: 'Duration', value: duration === null ? 'unknown' : formatDuration(duration) },
  ]
}

const ENTRY_INDENT = '  '
const DETAIL_INDENT = '     '
const TEXT_INDENT = '         '

/** The plain-text summary of one job. */
export function formatJobSummary(job: Job, kind: KindSummary): string {
  const fact = ({ label, value }: SummaryFact) => `${label}: ${cleanLine(value)}`
  const lines = [
    `Job ${cleanLine(job.id)}`,
    ...[...commonFacts(job, kind), ...kind.facts, kind.resultsLine].map(fact),
  ]
  for (const entry of kind.entries) {
    lines.push(`${ENTRY_INDENT}${cleanLine(entry.title)}`)
    for (const detail of entry.facts ?? []) lines.push(`${DETAIL_INDENT}${fact(detail)}`)
    for (const { label, text, absent } of entry.texts ?? []) {
      if (text === null || text.trim() === '') {
        lines.push(`${DETAIL_INDENT}${label}: ${absent}`)
        continue
      }
      lines.push(`${DETAIL_INDENT}${label}:`)
      for (const line of cleanBlock(text)) lines.push(`${TEXT_INDENT}${line}`.trimEnd())
    }
  }
  return lines.join('\n')
}

/** A code span that holds any text: the fence is longer than any run of backticks inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** A fenced block that holds any text, however many backticks it has. */
function codeBlock(lines: readonly string[]): string[] {
  const longest = Math.max(
    2,
    ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)),
  )
  const fence = '`'.repeat(longest + 1)
  return [`${fence}text`, ...lines, fence]
}

/** Markdown's punctuation, escaped, so an untrusted title is text and never markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&')
}

/**
 * The same summary in Markdown, for helpdesks that render it: facts as a list, every value the API
 * sent in a code span and every long text in a fenced block, so none of it can become markup.
 */
export function formatJobSummaryMarkdown(job: Job, kind: KindSummary): string {
  const fact = ({ label, value }: SummaryFact) => `- **${label}:** ${codeSpan(cleanLine(value))}`
  const lines = [
    `**Job ${codeSpan(cleanLine(job.id))}**`,
    '',
    ...[...commonFacts(job, kind), ...kind.facts, kind.resultsLine].map(fact),
  ]
  for (const entry of kind.entries) {
    lines.push('', `**${escapeMarkdown(cleanLine(entry.title))}**`, '')
    for (const detail of entry.facts ?? []) lines.push(fact(detail))
    for (const { label, text, absent } of entry.texts ?? []) {
      if (text === null || text.trim() === '') {
        lines.push(`- **${label}:** ${absent}`)
        continue
      }
      lines.push(`- **${label}:**`, '', ...codeBlock(cleanBlock(text)), '')
    }
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
}

/** One line per job, for a batch: id, status, model, created, finished, duration, results. */
export function formatJobSummaryLine(job: Job, kind: KindSummary): string {
  const duration = jobDurationMs(job)
  return [
    job.id,
    kind.label,
    job.status,
    job.model ?? 'model not reported',
    `created ${timeText(job.created, 'unknown')}`,
    `finished ${timeText(job.finished, 'not yet')}`,
    duration === null ? 'duration unknown' : formatDuration(duration),
    ...kind.lineParts,
  ]
    .map(cleanLine)
    .join(' · ')
}

/** "2 images", "1 choice" — a count with its noun. */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`
}
