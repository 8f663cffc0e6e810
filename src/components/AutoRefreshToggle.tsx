import { Pause, Play } from 'lucide-react'

interface AutoRefreshToggleProps {
  autoRefresh: boolean
  onToggle: () => void
}

/** Pause / resume polling: pressed while paused, with the action in words and an icon. */
export function AutoRefreshToggle({ autoRefresh, onToggle }: AutoRefreshToggleProps) {
  return (
    <button type="button" className="btn-secondary" onClick={onToggle} aria-pressed={!autoRefresh}>
      {autoRefresh ? (
        <Pause aria-hidden="true" className="size-4" />
      ) : (
        <Play aria-hidden="true" className="size-4" />
      )}
      {autoRefresh ? 'Pause auto-refresh' : 'Resume auto-refresh'}
    </button>
  )
}
