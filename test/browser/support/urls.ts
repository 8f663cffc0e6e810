/** A job page's address, with or without the `?kind=` the page writes once the job has answered. */
export function jobUrl(pathOrUrl: string): RegExp {
  const escaped = pathOrUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`${escaped}(\\?kind=(images|chat|speech))?$`)
}
