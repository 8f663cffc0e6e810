// What a support person does with a batch: watch it, pause it, copy its problem ids or a summary,
// export it. Every action says what it takes ("Export 4 of 30 as CSV") while a filter is on.
import { Download } from 'lucide-react'
import { AutoRefreshToggle } from '../../components/AutoRefreshToggle.tsx'
import { countOf } from '../../kinds/job-summary.ts'
import { type KindRegistry, useKinds } from '../../kinds/registry.ts'
import { WatchBatchToggle } from '../watch/public.ts'
import { batchCsv, batchJson, batchSummary, downloadFile, exportFileName } from './batch-export.ts'
import type { BatchRow } from './batch-rows.ts'
import { BatchCopyButton } from './BatchCopyButton.tsx'

interface BatchActionsProps {
  /** Every row of the batch (the watch toggle takes the unfinished ones). */
  rows: readonly BatchRow[]
  /** The rows the table shows (filtered, sorted): what copy and export take. */
  shown: readonly BatchRow[]
  /** "4 of 30" while a filter is on. */
  part: string | null
  /** The whole batch's problem ids, in the table's order. */
  problems: readonly string[]
  autoRefresh: boolean
  onToggleAutoRefresh: () => void
}

export function BatchActions(props: BatchActionsProps) {
  const { rows, shown, part, problems, autoRefresh, onToggleAutoRefresh } = props
  const kinds = useKinds()
  return (
    <div className="flex flex-wrap items-center gap-2">
      <WatchBatchToggle rows={rows} />
      <AutoRefreshToggle autoRefresh={autoRefresh} onToggle={onToggleAutoRefresh} />
      <BatchCopyButton
        text={() => problems.join('\n')}
        label="Copy problem ids"
        count={problems.length}
        confirmation={`Copied ${countOf(problems.length, 'id', 'ids')}`}
        describedBy="problem-ids-note"
        disabled={problems.length === 0}
      />
      <BatchCopyButton
        text={() => batchSummary(shown)}
        label={part === null ? 'Copy summary' : `Copy summary of ${part}`}
        accessibleName={part === null ? 'Copy summary of the rows shown' : undefined}
        confirmation={`Copied summary of ${countOf(shown.length, 'job', 'jobs')}`}
      />
      <ExportButton format="csv" rows={shown} part={part} kinds={kinds} />
      <ExportButton format="json" rows={shown} part={part} kinds={kinds} />
    </div>
  )
}

const EXPORTS = {
  csv: { word: 'CSV', type: 'text/csv;charset=utf-8', render: batchCsv },
  json: { word: 'JSON', type: 'application/json', render: batchJson },
} as const

function ExportButton({
  format,
  rows,
  part,
  kinds,
}: {
  format: keyof typeof EXPORTS
  rows: readonly BatchRow[]
  /** "4 of 30" while a filter is on. */
  part: string | null
  /** Which kinds there are: each adds its own columns. */
  kinds: KindRegistry
}) {
  const { word, type, render } = EXPORTS[format]
  return (
    <button
      type="button"
      className="btn-secondary"
      onClick={() => downloadFile(exportFileName(format), type, render(rows, kinds))}
    >
      <Download aria-hidden="true" className="size-4" />
      {part === null ? `Export ${word}` : `Export ${part} as ${word}`}
    </button>
  )
}
