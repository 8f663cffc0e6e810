// The tokens a pasted text held that looked like ids but were not: kept per list in this tab, so the
// note survives a reload. Node has no sessionStorage: each test stubs one backed by a Map.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  REJECTED_KEPT,
  type RejectedTokenStore,
  createRejectedTokenStore,
  listKey,
} from '../../src/features/batch/rejected-tokens.ts'
import { MemoryStorage } from '../component/support/memory-storage.ts'

const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const idList = (count: number, from = 0) => Array.from({ length: count }, (_, n) => nthId(from + n))
const TOKEN = '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'
const KEY = 'jobscope.batch.rejected'

let storage: MemoryStorage
let page: RejectedTokenStore
beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('sessionStorage', storage)
  page = createRejectedTokenStore()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

/** A reload: the page's memory is gone, the tab's storage is not. */
const reload = () => {
  page = createRejectedTokenStore()
}
const rememberRejected = (ids: readonly string[], rejected: readonly string[]) =>
  page.remember(ids, rejected)
const recallRejected = (ids: readonly string[]) => page.recall(ids)

describe('rejected tokens of a list', () => {
  it('are recalled for the same list after a reload, and not for another', () => {
    rememberRejected(idList(3), [TOKEN])
    reload()
    expect(recallRejected(idList(3))).toEqual({ tokens: [TOKEN], total: 1 })
    expect(recallRejected(idList(2))).toBeNull()
    expect(recallRejected(idList(3, 1))).toBeNull()
  })

  it('keys a list by its ids in order, without storing the ids', () => {
    expect(listKey(idList(3))).not.toBe(listKey([...idList(3)].reverse()))
    rememberRejected(idList(3), [TOKEN])
    expect(storage.getItem(KEY)).not.toContain(nthId(0))
  })

  it(`keeps the first ${REJECTED_KEPT} tokens and the total`, () => {
    const many = Array.from({ length: 80 }, (_, n) => `${TOKEN.slice(0, -2)}${n}`)
    rememberRejected(idList(1), many)
    reload()
    expect(recallRejected(idList(1))).toEqual({ tokens: many.slice(0, REJECTED_KEPT), total: 80 })
  })

  it('forgets a list pasted again without invalid tokens', () => {
    rememberRejected(idList(2), [TOKEN])
    rememberRejected(idList(2), [])
    expect(recallRejected(idList(2))).toBeNull()
  })

  it('keeps the 20 most recent lists', () => {
    for (let n = 0; n < 25; n += 1) rememberRejected(idList(1, n), [TOKEN])
    reload()
    expect(recallRejected(idList(1, 24))).not.toBeNull()
    expect(recallRejected(idList(1, 5))).not.toBeNull()
    expect(recallRejected(idList(1, 4))).toBeNull()
  })

  it.each([
    ['not JSON', '{oops'],
    ['not an array', '{"list":"x"}'],
    ['entries of the wrong shape', '[{"list":1,"tokens":"x","total":"1"},null,"x"]'],
    ['a total below the tokens kept', '[{"list":"x","tokens":["a","b"],"total":1}]'],
  ])('reads %s as nothing kept, and writes over it', (_, stored) => {
    storage.setItem(KEY, stored)
    expect(recallRejected(idList(1))).toBeNull()
    rememberRejected(idList(1), [TOKEN])
    reload()
    expect(recallRejected(idList(1))).toEqual({ tokens: [TOKEN], total: 1 })
  })

  it('still serves this page load when storage refuses writes', () => {
    vi.stubGlobal('sessionStorage', new MemoryStorage({ failWrites: true }))
    rememberRejected(idList(1), [TOKEN])
    expect(recallRejected(idList(1))).toEqual({ tokens: [TOKEN], total: 1 })
  })

  it('reads nothing, without throwing, when storage refuses reads', () => {
    vi.stubGlobal('sessionStorage', new MemoryStorage({ failReads: true }))
    expect(() => rememberRejected(idList(1), [TOKEN])).not.toThrow()
    reload()
    expect(recallRejected(idList(1))).toBeNull()
  })
})
