// Placeholder until the audio view lands: one native player per safe URL.
import type { SpeechJob } from '../../api/speech-job.ts'

export default function SpeechResults({ job }: { job: SpeechJob }) {
  return (
    <ul className="flex flex-col gap-3">
      {job.results.map((result, index) => (
        <li key={index} className="card p-4">
          {result.url.safe ? (
            <audio controls preload="metadata" src={result.url.href} />
          ) : (
            <code>{result.url.raw}</code>
          )}
        </li>
      ))}
    </ul>
  )
}
