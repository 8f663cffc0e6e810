import type { ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { useRuntimeConfig } from '../components/app-scope.tsx'
import { TimeZoneSwitch } from '../components/time-zone.tsx'
import { JobIdForm } from '../features/lookup/public.ts'
import { WatchHeaderEntry } from '../features/watch/public.ts'
import { KeyboardShortcuts } from './KeyboardShortcuts.tsx'

export function Layout({ children }: { children: ReactNode }) {
  const { demo, environmentLabel, warning } = useRuntimeConfig()
  const [location] = useLocation()
  // Home (and a search that opened it) and batch have a big id box of their own; a second one would
  // be two boxes with one name.
  const showQuickLookup = !['/', '/search', '/batch'].includes(location)
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {/* index.html paints this bar before any script, with these classes: keep the two alike. Its
          height is fixed (the Job ID box's row) so the bar keeps its size from page to page. */}
      <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/95 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 sm:min-h-11.5">
          <Link href="/" className="text-lg font-bold tracking-tight">
            Jobscope
          </Link>
          {demo && (
            <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300 ring-inset dark:bg-amber-900 dark:text-amber-50 dark:ring-amber-700">
              Demo data
            </span>
          )}
          {environmentLabel && (
            <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-semibold ring-1 ring-zinc-300 ring-inset dark:bg-zinc-800 dark:ring-zinc-600">
              {environmentLabel}
            </span>
          )}
          <nav aria-label="Pages" className="text-sm">
            <Link href="/batch" className="link">
              Batch lookup
            </Link>
          </nav>
          <div className="ml-auto flex min-w-0 items-center gap-2 max-sm:w-full">
            {showQuickLookup && (
              <div className="flex min-w-0 flex-1 sm:w-80 sm:flex-none lg:w-96">
                <JobIdForm variant="compact" />
              </div>
            )}
            <WatchHeaderEntry />
            <TimeZoneSwitch />
            <KeyboardShortcuts />
          </div>
        </div>
        {warning && (
          <p
            role="status"
            className="bg-amber-50 px-4 py-1 text-center text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50"
          >
            Settings problem: {warning}
          </p>
        )}
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  )
}
