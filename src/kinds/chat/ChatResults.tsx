// Placeholder until the transcript view lands: each choice's text, plain.
import type { ChatJob } from '../../api/chat-job.ts'

export default function ChatResults({ job }: { job: ChatJob }) {
  return (
    <ul className="flex flex-col gap-3">
      {job.choices.map((choice, position) => (
        <li key={position} className="card p-4 text-sm whitespace-pre-wrap" dir="auto">
          {choice.message?.content ?? ''}
        </li>
      ))}
    </ul>
  )
}
