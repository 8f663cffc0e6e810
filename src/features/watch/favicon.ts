// A dot on the tab's icon in the colour of the news, so a person in another tab sees at a glance that
// a watched job ended. Pre-made same-origin SVG files (public/favicon-*.svg): the production CSP
// allows images from 'self' but not data: URLs.
import { isKnownJobStatus } from '../../jobs/job-status.ts'

export type FaviconTone = 'green' | 'red' | 'amber' | 'blue' | 'grey'

const PLAIN_ICON = '/favicon.svg'

/** The tone of a status, as the status badges colour it. */
export function faviconTone(status: string | null, problem: boolean): FaviconTone {
  if (problem || status === 'ERROR') return 'red'
  if (status === 'COMPLETED') return 'green'
  if (status === 'POSTPONED') return 'amber'
  if (status !== null && !isKnownJobStatus(status)) return 'grey'
  return 'blue'
}

function iconLink(): HTMLLinkElement {
  const existing = document.querySelector<HTMLLinkElement>('link[rel~="icon"]')
  if (existing) return existing
  const link = document.createElement('link')
  link.rel = 'icon'
  link.type = 'image/svg+xml'
  link.href = PLAIN_ICON
  document.head.append(link)
  return link
}

/** Shows the dot, or the plain icon again for null. */
export function setFaviconDot(tone: FaviconTone | null): void {
  const link = iconLink()
  const href = tone === null ? PLAIN_ICON : `/favicon-${tone}.svg`
  if (link.getAttribute('href') !== href) link.setAttribute('href', href)
}
