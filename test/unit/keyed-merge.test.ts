// How two tabs' versions of one list become one: per key the later change wins, a removal wins over
// what it removed, and the order in which tabs hear of each other does not matter.
import { describe, expect, it } from 'vitest'
import {
  type KeyedList,
  changeStamp,
  mergeKeyed,
  parseRemovals,
  removalsOf,
} from '../../src/lib/keyed-merge.ts'

interface Item {
  readonly id: string
  readonly note: string
  readonly changedAt: number
}

const NOW = Date.parse('2025-05-17T09:00:00Z')
const KEYS = { keyOf: (item: Item) => item.id, changedAt: (item: Item) => item.changedAt }
const OPTIONS = { ...KEYS, keepRemovalsMs: 60_000, now: NOW }

const item = (id: string, note: string, changedAt: number): Item => ({ id, note, changedAt })
const list = (entries: Item[], removed: KeyedList<Item>['removed'] = []): KeyedList<Item> => ({
  entries,
  removed,
})
const merge = (mine: KeyedList<Item>, theirs: KeyedList<Item>) => mergeKeyed(mine, theirs, OPTIONS)
const byId = (merged: KeyedList<Item>) =>
  Object.fromEntries(merged.entries.map((entry) => [entry.id, entry.note]))

describe('mergeKeyed', () => {
  it('keeps what each side added', () => {
    const merged = merge(list([item('a', 'mine', NOW)]), list([item('b', 'theirs', NOW)]))
    expect(byId(merged)).toEqual({ a: 'mine', b: 'theirs' })
  })

  it('keeps the later change of one entry, whichever side made it', () => {
    const older = list([item('a', 'older', NOW - 5)])
    const newer = list([item('a', 'newer', NOW - 1)])
    expect(byId(merge(older, newer))).toEqual({ a: 'newer' })
    expect(byId(merge(newer, older))).toEqual({ a: 'newer' })
  })

  it('settles a tie of one millisecond the same way on both sides', () => {
    const mine = list([item('a', 'mine', NOW)])
    const theirs = list([item('a', 'theirs', NOW)])
    expect(byId(merge(mine, theirs))).toEqual(byId(merge(theirs, mine)))
  })

  it('lets a removal win over the entry it removed, and lose to a later change', () => {
    const removedLater = list([], [{ key: 'a', at: NOW - 1 }])
    expect(byId(merge(list([item('a', 'x', NOW - 2)]), removedLater))).toEqual({})
    expect(byId(merge(list([item('a', 'back', NOW)]), removedLater))).toEqual({ a: 'back' })
    // The same millisecond: the removal wins.
    expect(byId(merge(list([item('a', 'x', NOW - 1)]), removedLater))).toEqual({})
  })

  it('forgets removals older than it keeps them, and drops a removal once its entry is back', () => {
    const merged = merge(
      list([item('b', 'back', NOW)]),
      list(
        [],
        [
          { key: 'a', at: NOW - 60_001 },
          { key: 'b', at: NOW - 10 },
          { key: 'c', at: NOW - 10 },
        ],
      ),
    )
    expect(merged.removed).toEqual([{ key: 'c', at: NOW - 10 }])
    expect(byId(merged)).toEqual({ b: 'back' })
  })

  it('gives back this side itself when the other side adds nothing', () => {
    const mine = list([item('a', 'x', NOW), item('b', 'y', NOW)], [{ key: 'c', at: NOW }])
    expect(merge(mine, list([item('a', 'x', NOW - 1)]))).toBe(mine)
    expect(merge(mine, mine)).toBe(mine)
  })

  it('ends with the same entries whatever order three tabs hear of each other in', () => {
    const tabs = [
      list([item('a', 'one', NOW - 3), item('b', 'one', NOW - 3)], [{ key: 'c', at: NOW - 2 }]),
      list([item('a', 'two', NOW - 1), item('c', 'two', NOW - 4)]),
      list([item('b', 'three', NOW - 2), item('d', 'three', NOW)], [{ key: 'a', at: NOW - 2 }]),
    ] as const
    const [one, two, three] = tabs
    const orders: [KeyedList<Item>, ...KeyedList<Item>[]] = [
      merge(merge(one, two), three),
      merge(merge(three, two), one),
      merge(one, merge(two, three)),
      merge(merge(two, one), merge(three, one)),
    ]
    const sorted = (merged: KeyedList<Item>) =>
      [...merged.entries].sort((x, y) => x.id.localeCompare(y.id))
    const [first] = orders
    for (const merged of orders) {
      expect(sorted(merged)).toEqual(sorted(first))
      expect(merged.removed).toEqual(first.removed)
    }
    expect(byId(first)).toEqual({ a: 'two', b: 'three', d: 'three' })
  })
})

describe('changeStamp', () => {
  it('is now for an entry changed long ago', () => {
    expect(changeStamp([], 'a', NOW - 1_000, NOW)).toBe(NOW)
  })

  it('is after the last change when that was this very millisecond (or a clock ahead)', () => {
    expect(changeStamp([], 'a', NOW, NOW)).toBe(NOW + 1)
    expect(changeStamp([], 'a', NOW + 50, NOW)).toBe(NOW + 51)
  })

  it('is after the key’s last removal, so putting an entry back wins over removing it', () => {
    const removed = [
      { key: 'a', at: NOW },
      { key: 'b', at: NOW + 9 },
    ]
    expect(changeStamp(removed, 'a', undefined, NOW)).toBe(NOW + 1)
    expect(changeStamp(removed, 'c', undefined, NOW)).toBe(NOW)
  })
})

describe('removalsOf', () => {
  it('removes each entry now, but never before its last change', () => {
    expect(removalsOf([item('a', 'x', NOW - 5), item('b', 'y', NOW + 3)], KEYS, NOW)).toEqual([
      { key: 'a', at: NOW },
      { key: 'b', at: NOW + 3 },
    ])
  })
})

describe('parseRemovals', () => {
  it.each<[string, unknown, ReturnType<typeof parseRemovals>]>([
    ['nothing stored', undefined, []],
    ['a list without removals (written before tabs merged)', { version: 1, entries: [] }, []],
    ['removals that are not a list', { removed: 'a' }, []],
    [
      'good removals among bad ones',
      {
        removed: [
          { key: 'a', at: NOW },
          { key: 'b' },
          { key: 3, at: NOW },
          { key: 'c', at: Number.POSITIVE_INFINITY },
          { key: 'x'.repeat(201), at: NOW },
          null,
          { key: 'd', at: NOW - 1 },
        ],
      },
      [
        { key: 'a', at: NOW },
        { key: 'd', at: NOW - 1 },
      ],
    ],
  ])('%s', (_, stored, expected) => {
    expect(parseRemovals(stored)).toEqual(expected)
  })
})
