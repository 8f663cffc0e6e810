// HTTP Range requests (RFC 9110 §14) for the demo's audio files: Chromium's <audio> asks for
// `bytes=0-` and then for pieces, and a server that cannot answer 206 leaves the player unable to seek.

export interface ByteRange {
  /** First byte, inclusive. */
  readonly start: number
  /** Last byte, inclusive. */
  readonly end: number
}

/**
 * The one range `header` asks for in a representation of `size` bytes: undefined when the whole
 * representation should be sent (no header, another unit, a syntax error or several ranges, which
 * RFC 9110 lets a server ignore), 'unsatisfiable' for a 416.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined
  const spec = /^bytes=\s*([^,]*?)\s*$/i.exec(header.trim())?.[1]
  if (spec === undefined) return undefined

  const suffix = /^-(\d+)$/.exec(spec)
  if (suffix) {
    const length = Number(suffix[1])
    if (length === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - length), end: size - 1 }
  }

  const bounded = /^(\d+)-(\d*)$/.exec(spec)
  if (!bounded) return undefined
  const start = Number(bounded[1])
  const last = bounded[2] === '' || bounded[2] === undefined ? undefined : Number(bounded[2])
  if (last !== undefined && last < start) return undefined
  if (start >= size) return 'unsatisfiable'
  return { start, end: Math.min(last ?? size - 1, size - 1) }
}
