// One app's state — its settings, its QueryClient, its stores, its request limiter — lives in one
// AppScope, made with the app (src/app/create-app.ts) and handed to React by one provider
// (src/components/app-scope.tsx). The module that owns a piece of state defines it as a part, and
// the scope makes each part on first use, once. So a part whose code loads on demand still loads on
// demand, two apps never share state, and a test that makes a fresh app starts from nothing — no
// module-level store to reset. docs/decisions/017-layout-and-import-rules.md.

export interface AppPart<T> {
  /** For messages: "watch list", "request limiter". */
  readonly name: string
  /** Makes the part, reading the parts it needs from `scope`; absent for parts the app is given. */
  readonly make?: (scope: AppScope) => T
  /** Lets go of what the part holds (timers, listeners) when the app is disposed. */
  readonly dispose?: (value: T) => void
}

/** A part made on first use. */
export function appPart<T>(
  name: string,
  make: (scope: AppScope) => T,
  dispose?: (value: T) => void,
): AppPart<T> {
  return dispose === undefined ? { name, make } : { name, make, dispose }
}

/** A part the app must be given when it is made (its settings, its QueryClient). */
export function givenPart<T>(name: string): AppPart<T> {
  return { name }
}

/** A value for a part, given when the app is made: a given part's value, or a stand-in (tests). */
export interface GivenValue {
  /** The part (its identity is what counts). */
  readonly part: object
  readonly value: unknown
}

export function give<T>(part: AppPart<T>, value: T): GivenValue {
  return { part, value }
}

export interface AppScope {
  /** The part's value in this app, made now if it was not yet. */
  get: <T>(part: AppPart<T>) => T
  /** Disposes every part this scope made, the last made first. The scope is not used after. */
  dispose: () => void
}

export function createAppScope(given: readonly GivenValue[] = []): AppScope {
  // Keyed by the part itself: two parts with one name are two parts.
  const values = new Map<object, unknown>(given.map(({ part, value }) => [part, value]))
  const made: Array<() => void> = []
  const making = new Set<object>()
  const scope: AppScope = {
    get<T>(part: AppPart<T>): T {
      if (values.has(part)) return values.get(part) as T
      if (part.make === undefined) throw new Error(`The app was not given its ${part.name}`)
      if (making.has(part)) throw new Error(`The ${part.name} needs itself to be made`)
      making.add(part)
      try {
        const value = part.make(scope)
        values.set(part, value)
        const { dispose } = part
        if (dispose !== undefined) made.push(() => dispose(value))
        return value
      } finally {
        making.delete(part)
      }
    },
    dispose() {
      for (const dispose of made.reverse()) dispose()
      made.length = 0
      values.clear()
    },
  }
  return scope
}
