// Chat jobs in the kind registry: the model's answer(s) as a transcript, with token usage.
import { CHAT_JOB_FIELDS, type ChatChoice, type ChatJob, parseChatJob } from './chat-job.ts'
import { defineKind } from '../kind.ts'
import { lazyResultsView } from '../lazy-results-view.tsx'
import { toolArguments } from './tool-arguments.ts'

const chatResults = lazyResultsView(() => import('./ChatResults.tsx'))

const tokens = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toLocaleString('en-US')

function choiceTitle(choice: ChatChoice, position: number): string {
  const parts = [`Choice ${choice.index ?? position}`]
  parts.push(choice.message?.role ?? 'no role')
  parts.push(`finish reason: ${choice.finishReason ?? 'not reported'}`)
  return parts.join(' · ')
}

export const chatKind = defineKind<ChatJob>({
  name: 'chat',
  label: 'Chat',
  parse: parseChatJob,
  fields: CHAT_JOB_FIELDS,
  processingHint: 'Generating the answer.',
  resultCount: (job) => job.choices.length,
  resultNoun: ['choice', 'choices'],
  emptyResultsText: (status) =>
    status === 'COMPLETED'
      ? 'The job completed but the API returned no answer.'
      : status === 'ERROR'
        ? 'The job failed; there is no answer.'
        : 'No answer yet: it appears here when the job completes.',
  ResultsView: chatResults.View,
  loadResultsView: chatResults.load,
  listView: () => import('./chat-list-view.tsx').then((module) => module.chatListView),
  facts: (job) => [
    { label: 'Service tier', value: job.serviceTier ?? '—' },
    { label: 'Prompt tokens', value: tokens(job.usage?.promptTokens) },
    { label: 'Completion tokens', value: tokens(job.usage?.completionTokens) },
    { label: 'Total tokens', value: tokens(job.usage?.totalTokens) },
  ],
  summaryEntries: (job) =>
    job.choices.map((choice, position) => ({
      title: choiceTitle(choice, position),
      ...(choice.message?.name ? { facts: [{ label: 'Name', value: choice.message.name }] } : {}),
      texts: [
        { label: 'Message', text: choice.message?.content ?? null, absent: '(no text)' },
        ...(choice.message?.toolCalls ?? []).map((call) => ({
          label: `Tool call ${call.name ?? '(unnamed)'}`,
          text: toolArguments(call.arguments)?.text ?? null,
          absent: '(no arguments)',
        })),
      ],
    })),
  summaryLineExtras: (job) =>
    job.usage?.totalTokens === null || job.usage?.totalTokens === undefined
      ? []
      : [`${tokens(job.usage.totalTokens)} tokens`],
  exportColumns: [
    { name: 'total_tokens', value: (job) => job.usage?.totalTokens ?? null, forOtherKinds: null },
  ],
  thumbnailUrl: () => null,
})
