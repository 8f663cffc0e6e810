// Many jobs at once: paste any text, every UUID v4 in it becomes a row that polls with the same policy
// as the job page, through the app's one request limiter (shared with watched jobs, paced under the
// proxy's rate). Each row finds its kind like a bare id on the job page, but endpoint by endpoint
// and stopping at the first answer: with the limiter binding, that costs the fewest requests.
//
// Triage first: rows stay in paste order until a column is chosen, sorting by Status puts problems
// first, a filter says how many rows it shows and every action says what it takes.
import { useMemo } from 'react'
import { analyseJobIdText } from '../../lib/job-id.ts'
import { BatchForm } from './BatchForm.tsx'
import { BatchResults } from './BatchResults.tsx'
import { listedRejected } from './rejected-list.ts'

interface BatchPageProps {
  /** Text holding the ids (from the URL or this tab's storage). */
  sourceText: string
  /** The ids' kinds found before (encoded, one character per id): only those endpoints are asked. */
  knownKinds: string
  shareable: boolean
  missingList: boolean
  /** How many invalid tokens the list was pasted with, when its text could not keep them all. */
  rejectedTotal?: number | undefined
}

export default function BatchPage({
  sourceText,
  knownKinds,
  shareable,
  missingList,
  rejectedTotal,
}: BatchPageProps) {
  const ids = useMemo(() => analyseJobIdText(sourceText).ids, [sourceText])
  // What was left out of the list when it was pasted: its text keeps those tokens, as pasted.
  const rejected = useMemo(
    () => listedRejected(sourceText, rejectedTotal),
    [sourceText, rejectedTotal],
  )
  return (
    <div className="flex flex-col gap-4">
      <BatchForm listIds={ids} listRejected={rejected} />
      {missingList && (
        <p role="alert" className="card p-3 text-sm">
          This list was kept in another tab or an earlier session and is no longer available. Paste
          the ids again.
        </p>
      )}
      {ids.length > 0 && (
        <>
          {!shareable && (
            <p role="status" className="text-sm text-amber-900 dark:text-amber-200">
              {ids.length} ids are too many for a link: they are kept in this tab (reload works),
              but this page’s address cannot be shared. Use Export to pass them on.
            </p>
          )}
          {/* keyed by the list: a new list starts with fresh sort, filter and pause */}
          <BatchResults key={ids.join(',')} ids={ids} knownKinds={knownKinds} rejected={rejected} />
        </>
      )}
    </div>
  )
}
