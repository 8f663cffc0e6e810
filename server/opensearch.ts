// The address bar's search: an OpenSearch description (linked from index.html) whose template is this
// site's `/search?q={searchTerms}`, which the app reads as the Job ID box reads its text. Browsers take
// only an absolute template (Chromium's parser drops one that is not a valid http(s) URL), and the
// same build is served at any address, so the description is written per request, for the origin the
// browser used — by the dev middleware here, and by nginx from the same text (a test holds the
// template to this function).

export const OPENSEARCH_PATH = '/opensearch.xml'
export const OPENSEARCH_CONTENT_TYPE = 'application/opensearchdescription+xml'

/** A Host header that is a plain name or IP literal with an optional port: nothing else goes in. */
const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** `http://<host>` for a plain Host header; null for anything else (missing, odd characters). */
export function requestOrigin(host: string | undefined, scheme: 'http' | 'https'): string | null {
  return host !== undefined && PLAIN_HOST.test(host) ? `${scheme}://${host}` : null
}

/** The description for a site at `origin` (e.g. `https://jobscope.example.com`). */
export function openSearchDescription(origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>Jobscope</ShortName>
<Description>Open a Distribute.ai job in Jobscope: its id, a URL or log line with it, or several ids</Description>
<InputEncoding>UTF-8</InputEncoding>
<Image width="192" height="192" type="image/png">${origin}/icons/jobscope-192.png</Image>
<Url type="text/html" method="get" template="${origin}/search?q={searchTerms}"/>
</OpenSearchDescription>
`
}
