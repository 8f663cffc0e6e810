// The address bar's search (public/opensearch.xml's template, `/search?q=<text>`): the text goes where
// the Job ID box would send it — a job's page or the batch, in place of this address — or, holding no
// id, the home page shows it in the box with the box's own message.
import { useEffect, useMemo } from 'react'
import { useLocation, useSearch } from 'wouter'
import { lookupHref, readSearchInput } from '../../features/lookup/public.ts'
import { HomeRoute } from './HomeRoute.tsx'

export function SearchRoute() {
  const [, navigate] = useLocation()
  const search = useSearch()
  const { text, input } = useMemo(() => readSearchInput(search), [search])
  const opensPage = input.kind === 'valid' || input.kind === 'several'

  // In an effect: a long batch list is written to this tab's storage on the way (batchLink).
  useEffect(() => {
    const href = lookupHref(input)
    if (href !== undefined) navigate(href, { replace: true })
  }, [input, navigate])

  if (opensPage) return null
  // keyed: another search starts the box afresh with its own text
  return <HomeRoute key={text} submitted={text} />
}
