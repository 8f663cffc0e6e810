// A stand-in for oauth2-proxy on loopback (its binary cannot be downloaded here), answering the way
// nginx's auth_request integration uses it (oauth2-proxy's docs, "Integration → nginx"):
//   GET /oauth2/auth   the session cookie `_oauth2_proxy=<user>` → 202 with X-Auth-Request-User and
//                      X-Auth-Request-Email (what --set-xauthrequest adds); `=forbidden` → 403;
//                      `=email-only` → 202 with only the e-mail; no session → 401
//   GET /oauth2/start  a sign-in that needs no clicks: sets the session cookie for `ana` and
//                      redirects (302) to `rd`, as oauth2-proxy does after the identity provider
// `failWith(status)` makes /oauth2/auth answer that status (e.g. 500), as a failing service would.
import { type IncomingHttpHeaders, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export const SESSION_COOKIE = '_oauth2_proxy'

export interface StubAuth {
  readonly url: string
  /** Every request the stub received (path and headers). */
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }>
  /** From now on /oauth2/auth answers `status` (null: back to normal). */
  failWith(status: number | null): void
  close(): Promise<void>
}

export async function startStubAuth(): Promise<StubAuth> {
  const requests: StubAuth['requests'] = []
  let failure: number | null = null
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    requests.push({ path: req.url ?? '', headers: req.headers })
    const session = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(
      req.headers.cookie ?? '',
    )?.[1]
    if (url.pathname === '/oauth2/auth') {
      if (failure !== null) return res.writeHead(failure).end()
      if (session === undefined) return res.writeHead(401).end()
      if (session === 'forbidden') return res.writeHead(403).end()
      if (session === 'email-only') {
        return res.writeHead(202, { 'x-auth-request-email': 'eve@example.com' }).end()
      }
      return res
        .writeHead(202, {
          'x-auth-request-user': session,
          'x-auth-request-email': `${session}@example.com`,
        })
        .end()
    }
    if (url.pathname === '/oauth2/start') {
      const rd = url.searchParams.get('rd') ?? '/'
      return res
        .writeHead(302, {
          location: rd.startsWith('/') && !rd.startsWith('//') ? rd : '/',
          'set-cookie': `${SESSION_COOKIE}=ana; Path=/; HttpOnly; SameSite=Lax`,
        })
        .end()
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failWith: (status) => (failure = status),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
