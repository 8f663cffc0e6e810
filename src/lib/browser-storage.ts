// localStorage that never throws: it may be disabled, full, or hold anything at all.

export function readStoredJson(key: string): unknown {
  try {
    const text = globalThis.localStorage?.getItem(key)
    return text == null ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

export function writeStoredJson(key: string, value: unknown): boolean {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}
