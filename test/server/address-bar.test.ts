// The address bar's search and the installable app: the OpenSearch description nginx writes is the one
// server/opensearch.ts writes (the dev server's), only for a plain Host; the web app manifest has what
// browsers need to install Jobscope, and its icons are the sizes it declares.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CA_CERTS, renderTemplate, siteTemplateVars } from '../../server/nginx-config.ts'
import { openSearchDescription, requestOrigin } from '../../server/opensearch.ts'
import { readAccess } from '../../server/settings.ts'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url))

const site = renderTemplate(
  read('deploy/nginx/jobscope.conf.template').toString(),
  siteTemplateVars({
    listen: '127.0.0.1:8080',
    root: '/srv/jobscope/dist',
    configFile: '/srv/jobscope/config.json',
    imgSrc: 'https:',
    mediaSrc: 'https:',
    caCerts: DEFAULT_CA_CERTS,
    apiUrl: 'https://api.distribute.ai',
    apiKey: 'k',
    access: readAccess({}),
    rateLimitPerSecond: 20,
    tls: null,
    auditLog: '/var/log/jobscope/audit.log',
    accessLog: '/var/log/jobscope/access.log',
    resolvers: ['10.0.0.2'],
  }),
)

describe('the OpenSearch description', () => {
  it('is the same text from nginx as from the dev server, for the origin the browser used', () => {
    const body = /location @jobscope_opensearch \{[^']*return 200 '([^']*)';/.exec(site)?.[1]
    expect(body).toBeDefined()
    const origin = 'https://jobscope.example.com'
    expect(body?.replaceAll('$jobscope_request_origin', origin)).toBe(openSearchDescription(origin))
  })

  it('has a text/html template with {searchTerms} at this site’s /search, and no other variable', () => {
    const xml = openSearchDescription('https://jobscope.example.com:8443')
    expect(xml).toContain(
      '<Url type="text/html" method="get" template="https://jobscope.example.com:8443/search?q={searchTerms}"/>',
    )
    expect(xml).toMatch(/<ShortName>[^<]{1,16}<\/ShortName>/)
    expect(xml.match(/\{[a-zA-Z?]+\}/g)).toEqual(['{searchTerms}'])
  })

  it('checks the Host header in nginx as requestOrigin does', () => {
    const pattern = /map \$http_host \$jobscope_request_origin \{\s*"~([^"]+)"/.exec(site)?.[1]
    expect(pattern).toBeDefined()
    const nginxHost = new RegExp(pattern ?? '$^')
    for (const host of [
      'jobscope.example.com',
      'jobscope.example.com:8443',
      '127.0.0.1:8080',
      '[::1]:8080',
      'localhost',
      'evil.example"/><x a="',
      'a b',
      'x/y',
      'host:port',
      '',
    ]) {
      expect(nginxHost.test(host), host).toBe(requestOrigin(host, 'https') !== null)
    }
    expect(requestOrigin('jobscope.example.com:8443', 'https')).toBe(
      'https://jobscope.example.com:8443',
    )
    expect(requestOrigin(undefined, 'http')).toBeNull()
  })

  it('is behind the sign-in: its return runs in a named location, after access', () => {
    expect(site).toMatch(
      /location = \/opensearch\.xml \{\s*try_files \/\.jobscope-opensearch @jobscope_opensearch;\s*\}/,
    )
  })
})

interface ManifestIcon {
  src: string
  sizes: string
  type: string
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('the web app manifest', () => {
  const manifest = JSON.parse(read('public/manifest.webmanifest').toString()) as {
    name: string
    short_name: string
    start_url: string
    display: string
    icons: ManifestIcon[]
  }

  it('has what a browser needs to install Jobscope', () => {
    expect(manifest).toMatchObject({
      name: 'Jobscope',
      short_name: 'Jobscope',
      start_url: '/',
      display: 'standalone',
    })
    expect(manifest.icons.map((icon) => icon.sizes).sort()).toEqual(['192x192', '512x512'])
  })

  it.each(['192x192', '512x512'])('declares a %s PNG icon that is that size', (sizes) => {
    const icon = manifest.icons.find((candidate) => candidate.sizes === sizes)
    expect(icon?.type).toBe('image/png')
    const png = read(`public${icon?.src ?? ''}`)
    const [width, height] = sizes.split('x').map(Number)
    expect(pngSize(png)).toEqual({ width, height })
    // Small, so an install costs little: a blue tile and a magnifier.
    expect(png.length).toBeLessThan(32 * 1024)
  })

  it('is linked from index.html with credentials (the door lets no anonymous fetch in), next to the search', () => {
    const html = read('index.html').toString()
    expect(html).toMatch(
      /<link rel="manifest" href="\/manifest\.webmanifest" crossorigin="use-credentials" \/>/,
    )
    expect(html).toMatch(
      /<link\s+rel="search"\s+type="application\/opensearchdescription\+xml"\s+title="Jobscope"\s+href="\/opensearch\.xml"\s*\/>/,
    )
  })
})
