import { Link } from 'wouter'

export function NotFoundRoute() {
  return (
    <div className="card p-4">
      <h1 className="font-semibold">Page not found</h1>
      <Link className="link mt-2 inline-block" href="/">
        Go to the job lookup
      </Link>
    </div>
  )
}
