// Result URLs come from the API and end up in src/href attributes. Only absolute http(s) URLs are ever
// rendered as links or images; everything else (javascript:, data:, relative, malformed) stays text.

export type ResultUrl =
  | { readonly safe: true; readonly href: string; readonly raw: string }
  | { readonly safe: false; readonly raw: string; readonly reason: string }

export function classifyResultUrl(raw: string): ResultUrl {
  const trimmed = raw.trim()
  if (trimmed === '') return { safe: false, raw, reason: 'The API sent no URL for this result.' }
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return { safe: false, raw, reason: 'Not an absolute URL, so it is not opened.' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      safe: false,
      raw,
      reason: `A ${url.protocol} URL is never opened or shown as an image: only http and https are.`,
    }
  }
  return { safe: true, href: url.href, raw }
}
