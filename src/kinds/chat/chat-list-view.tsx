// Chat jobs in lists (the batch table, Recent): the start of the answer, and the kind's icon. Loaded
// with those lists, not with the job page (kind.ts, KindListView).
import { MessageSquareText } from 'lucide-react'
import type { KindListView } from '../kind.ts'
import { cleanLine } from '../summary-text.ts'
import type { ChatJob } from './chat-job.ts'

/** The first line of the first answer with text, for a table cell. */
export function chatPreviewText(job: ChatJob): string | null {
  for (const choice of job.choices) {
    // Only the start of a message matters here; a 10 MB answer is not split whole.
    const content = choice.message?.content?.slice(0, 2_000).trim()
    if (content) {
      const first = content.split(/\r\n|[\r\n\u2028\u2029]/, 1)[0] ?? ''
      return cleanLine(first.slice(0, 300))
    }
    const call = choice.message?.toolCalls[0]
    if (call) return `Tool call: ${cleanLine(call.name ?? 'unnamed')}`
  }
  return null
}

/**
 * Two lines in the row, whatever the answer's length; the whole first line on hover (its title) and,
 * for the keyboard, on focus: it then opens over the rows below, so its own row keeps its height.
 */
function ChatPreview({ job }: { job: ChatJob }) {
  const text = chatPreviewText(job)
  if (text === null) return <span className="text-muted">—</span>
  return (
    <div className="relative h-8 w-40 max-sm:w-full">
      <span
        tabIndex={0}
        title={text}
        dir="auto"
        className="absolute inset-x-0 top-0 line-clamp-2 min-h-6 rounded text-xs break-words focus:z-10 focus:line-clamp-none focus:bg-white focus:shadow-lg dark:focus:bg-zinc-900"
      >
        {text}
      </span>
    </div>
  )
}

export const chatListView: KindListView<ChatJob> = {
  PreviewCell: ChatPreview,
  Icon: MessageSquareText,
}
