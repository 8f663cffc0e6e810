// A Web Storage stand-in backed by a Map, for unit tests that run in Node (no localStorage or
// sessionStorage there), and for storage that fails the way a full or disabled one does.

export interface MemoryStorageOptions {
  /** Every getItem throws, as in a browser with storage disabled. */
  failReads?: boolean
  /** Every setItem throws, as in a browser whose quota is full. */
  failWrites?: boolean
}

export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>()
  readonly #options: MemoryStorageOptions
  /** Every setItem call, in order (including the ones that threw). */
  readonly writes: Array<[key: string, value: string]> = []
  /** Every getItem call, in order. */
  readonly reads: string[] = []

  constructor(options: MemoryStorageOptions = {}) {
    this.#options = options
  }

  get length(): number {
    return this.#items.size
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null
  }

  getItem(key: string): string | null {
    this.reads.push(key)
    if (this.#options.failReads)
      throw new DOMException('The operation is insecure.', 'SecurityError')
    return this.#items.get(key) ?? null
  }

  setItem(key: string, value: string): void {
    this.writes.push([key, String(value)])
    if (this.#options.failWrites) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    this.#items.set(key, String(value))
  }

  removeItem(key: string): void {
    this.#items.delete(key)
  }

  clear(): void {
    this.#items.clear()
  }
}
