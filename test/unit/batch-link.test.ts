// Where a batch's id list lives: in the URL when short, in this tab's sessionStorage when long.
// Node has no sessionStorage: each test stubs one backed by a Map.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  MAX_IDS_IN_URL_CHARS,
  batchLink,
  clearBatchLists,
  readBatchSearch,
} from '../../src/features/batch/batch-link.ts'
import { withKinds } from '../../src/features/batch/batch-address.ts'
import { listedRejected } from '../../src/features/batch/rejected-list.ts'
import { JOB_KINDS, encodeKinds } from '../../src/lib/job-kinds.ts'
import { MemoryStorage } from '../component/support/memory-storage.ts'

/** A deterministic, valid v4 id for index n (36 characters). */
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const idList = (count: number) => Array.from({ length: count }, (_, n) => nthId(n))

/** The most ids that fit: each takes 36 characters plus a comma between them. */
const FITTING = Math.floor((MAX_IDS_IN_URL_CHARS + 1) / 37)

let storage: MemoryStorage

beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('sessionStorage', storage)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const searchOf = (href: string) => new URL(href, 'http://localhost').search

describe('batchLink', () => {
  it.each<[string, string[]]>([
    ['one id', idList(1)],
    ['a few ids', idList(3)],
    [`${FITTING} ids, the most that fit`, idList(FITTING)],
  ])('puts %s in the URL, shareable, without touching storage', (_, ids) => {
    const link = batchLink(ids)
    expect(link).toEqual({ href: `/batch?ids=${ids.join(',')}`, shareable: true })
    expect(storage.writes).toEqual([])
  })

  it('puts a list of exactly the limit in the URL, and one character more in storage', () => {
    const atLimit = ['x'.repeat(MAX_IDS_IN_URL_CHARS)]
    expect(batchLink(atLimit).shareable).toBe(true)
    expect(batchLink(['x'.repeat(MAX_IDS_IN_URL_CHARS + 1)]).shareable).toBe(false)
  })

  it.each([FITTING + 1, 300, 1_000])(
    'keeps %i ids in sessionStorage under a short token, not shareable',
    (count) => {
      const ids = idList(count)
      const link = batchLink(ids)

      expect(link.shareable).toBe(false)
      const token = /^\/batch\?list=([a-z0-9]{1,16})$/.exec(link.href)?.[1]
      expect(token).toBeDefined()
      expect(storage.getItem(`jobscope.batch.${token}`)).toBe(ids.join(','))
      expect(link.href.length).toBeLessThan(40)
    },
  )

  it('says the list is unavailable when storage refuses it', () => {
    vi.stubGlobal('sessionStorage', new MemoryStorage({ failWrites: true }))
    expect(batchLink(idList(300))).toEqual({ href: '/batch?list=unavailable', shareable: false })
  })

  it('says the list is unavailable when there is no sessionStorage at all', () => {
    vi.unstubAllGlobals()
    expect(batchLink(idList(300))).toEqual({ href: '/batch?list=unavailable', shareable: false })
  })

  it.each([1, 3, FITTING, FITTING + 1, 300])(
    '%i ids read back from the link they made',
    (count) => {
      const ids = idList(count)
      const link = batchLink(ids)
      expect(readBatchSearch(searchOf(link.href))).toEqual({
        text: ids.join(','),
        kinds: '',
        shareable: link.shareable,
        missingList: false,
      })
    },
  )

  it.each([3, FITTING, FITTING + 1, 1_000])(
    '%i ids carry their kinds, one character each, and read them back',
    (count) => {
      const ids = idList(count)
      const kinds = encodeKinds(ids.map((_, n) => (n % 4 === 3 ? undefined : JOB_KINDS[n % 3])))
      const link = batchLink(ids, kinds)
      expect(readBatchSearch(searchOf(link.href))).toMatchObject({ text: ids.join(','), kinds })
      if (link.shareable) expect(link.href).toBe(`/batch?ids=${ids.join(',')}&kinds=${kinds}`)
      // Well under the 8 KB request line proxies accept: a longer list keeps its kinds beside it.
      expect(link.href.length).toBeLessThan(4_400)
    },
  )

  it('leaves the kinds out when none is known, or when they are not an encoding', () => {
    const ids = idList(3)
    expect(batchLink(ids, '...').href).toBe(`/batch?ids=${ids.join(',')}`)
    expect(batchLink(ids, 'images').href).toBe(`/batch?ids=${ids.join(',')}`)
  })

  it('gives two long lists two tokens, each reading back its own list', () => {
    const first = idList(300)
    const second = idList(400).slice(100)
    const firstLink = batchLink(first)
    const secondLink = batchLink(second)

    expect(firstLink.href).not.toBe(secondLink.href)
    expect(readBatchSearch(searchOf(firstLink.href)).text).toBe(first.join(','))
    expect(readBatchSearch(searchOf(secondLink.href)).text).toBe(second.join(','))
  })
})

describe('readBatchSearch', () => {
  beforeEach(() => {
    storage.setItem('jobscope.batch.k3y9', 'a,b,c')
  })

  it.each<[string, string, ReturnType<typeof readBatchSearch>]>([
    ['no search at all', '', { text: '', kinds: '', shareable: true, missingList: false }],
    [
      'other parameters only',
      '?sort=status',
      { text: '', kinds: '', shareable: true, missingList: false },
    ],
    ['ids', '?ids=a,b', { text: 'a,b', kinds: '', shareable: true, missingList: false }],
    [
      'ids without the leading ?',
      'ids=a,b',
      { text: 'a,b', kinds: '', shareable: true, missingList: false },
    ],
    [
      'encoded ids',
      '?ids=a%2Cb%0Ac',
      { text: 'a,b\nc', kinds: '', shareable: true, missingList: false },
    ],
    ['empty ids', '?ids=', { text: '', kinds: '', shareable: true, missingList: false }],
    [
      'ids win over a list',
      '?ids=a&list=k3y9',
      { text: 'a', kinds: '', shareable: true, missingList: false },
    ],
    [
      'a stored list',
      '?list=k3y9',
      { text: 'a,b,c', kinds: '', shareable: false, missingList: false },
    ],
    [
      'a list from another tab',
      '?list=gone42',
      { text: '', kinds: '', shareable: false, missingList: true },
    ],
    ['an empty list token', '?list=', { text: '', kinds: '', shareable: false, missingList: true }],
    [
      'an uppercase token',
      '?list=K3Y9',
      { text: '', kinds: '', shareable: false, missingList: true },
    ],
    [
      'a token with a path in it',
      '?list=..%2F..%2Fk3y9',
      { text: '', kinds: '', shareable: false, missingList: true },
    ],
    [
      'a token that is too long',
      `?list=${'a'.repeat(17)}`,
      { text: '', kinds: '', shareable: false, missingList: true },
    ],
    [
      'the unavailable marker',
      '?list=unavailable',
      { text: '', kinds: '', shareable: false, missingList: true },
    ],
  ])('%s', (_, search, expected) => {
    expect(readBatchSearch(search)).toEqual(expected)
  })

  it.each(['', 'K3Y9', 'a.b', '../x', 'a'.repeat(17)])(
    'does not look up a malformed token (%j) in storage',
    (token) => {
      storage.reads.length = 0
      readBatchSearch(`?list=${encodeURIComponent(token)}`)
      expect(storage.reads).toEqual([])
    },
  )

  it('reports the list missing when storage cannot be read', () => {
    vi.stubGlobal('sessionStorage', new MemoryStorage({ failReads: true }))
    expect(readBatchSearch('?list=k3y9')).toEqual({
      text: '',
      kinds: '',
      shareable: false,
      missingList: true,
    })
  })

  it('reports the list missing when there is no sessionStorage at all', () => {
    vi.unstubAllGlobals()
    expect(readBatchSearch('?list=k3y9')).toEqual({
      text: '',
      kinds: '',
      shareable: false,
      missingList: true,
    })
  })
})

describe('withKinds', () => {
  const ids = idList(3)

  it('gives a short list the address with its kinds', () => {
    expect(withKinds(`?ids=${ids.join(',')}`, '01.')).toBe(`/batch?ids=${ids.join(',')}&kinds=01.`)
  })

  it('leaves the address alone when it already says these kinds, or nothing is known', () => {
    expect(withKinds(`?ids=${ids.join(',')}&kinds=01.`, '01.')).toBeUndefined()
    expect(withKinds(`?ids=${ids.join(',')}`, '...')).toBeUndefined()
    expect(withKinds(`?ids=${ids.join(',')}`, 'not kinds')).toBeUndefined()
  })

  it('writes the kinds of a kept list beside it and keeps its address', () => {
    const link = batchLink(idList(300))
    const kinds = '2'.repeat(300)
    expect(withKinds(searchOf(link.href), kinds)).toBeUndefined()
    expect(readBatchSearch(searchOf(link.href)).kinds).toBe(kinds)
  })

  it('loses nothing but the kinds when storage refuses them', () => {
    const link = batchLink(idList(300))
    vi.stubGlobal('sessionStorage', new MemoryStorage({ failWrites: true }))
    expect(() => withKinds(searchOf(link.href), '2'.repeat(300))).not.toThrow()
  })
})

describe('clearBatchLists', () => {
  it('removes every list this tab kept and nothing else', () => {
    const first = batchLink(idList(300))
    const second = batchLink(idList(400))
    storage.setItem('jobscope.theme', 'dark')
    storage.setItem('other.batch.x', 'keep')

    withKinds(searchOf(first.href), '0'.repeat(300))
    expect(clearBatchLists()).toBe(2)

    expect(readBatchSearch(searchOf(first.href)).missingList).toBe(true)
    expect(readBatchSearch(searchOf(second.href)).missingList).toBe(true)
    expect(storage.getItem('jobscope.theme')).toBe('dark')
    expect(storage.getItem('other.batch.x')).toBe('keep')
    expect(storage.length).toBe(2)
  })

  it('removes nothing when there is nothing kept', () => {
    expect(clearBatchLists()).toBe(0)
  })

  it.each<[string, () => void]>([
    [
      'cannot be read',
      () => vi.stubGlobal('sessionStorage', new MemoryStorage({ failReads: true })),
    ],
    ['does not exist', () => vi.unstubAllGlobals()],
  ])('removes nothing, without throwing, when storage %s', (_, breakStorage) => {
    breakStorage()
    expect(clearBatchLists()).toBe(0)
  })
})

describe('the invalid tokens pasted with a list (issue 17)', () => {
  const ids = idList(3)
  const PASTED = ['zz0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06', '3f2b8c1e-7a4d-11ef-9b1a-2c5d8e0f4a71']

  it('go into a short list’s link as pasted, beside the ids, and back into its text', () => {
    const link = batchLink(ids, '01.', { tokens: PASTED, total: 2 })
    expect(link.href).toBe(`/batch?ids=${ids.join(',')}&kinds=01.&invalid=${PASTED.join(',')}`)
    expect(new URL(link.href, 'http://localhost').searchParams.get('ids')).toBe(ids.join(','))
    expect(readBatchSearch(searchOf(link.href))).toEqual({
      text: [...ids, ...PASTED].join(','),
      kinds: '01.',
      shareable: true,
      missingList: false,
    })
  })

  it('say how many there were when the link carries only the first ones', () => {
    const link = batchLink(ids, '', { tokens: PASTED, total: 75 })
    expect(link.href).toBe(
      `/batch?ids=${ids.join(',')}&invalid=${PASTED.join(',')}&invalidTotal=75`,
    )
    expect(readBatchSearch(searchOf(link.href)).rejectedTotal).toBe(75)
  })

  it('take only the room the ids leave: the URL stays within the limit', () => {
    const many = Array.from(
      { length: 50 },
      (_, n) => `zz${n.toString(16).padStart(6, '0')}-2b7c-4a18-a3e5-9f1c7b2d8e06`,
    )
    const link = batchLink(idList(FITTING - 5), '', { tokens: many, total: 50 })
    expect(link.shareable).toBe(true)
    const params = new URL(link.href, 'http://localhost').searchParams
    const carried = params.get('invalid')?.split(',') ?? []
    expect(carried).toEqual(many.slice(0, carried.length))
    expect(carried.length).toBeGreaterThan(0)
    expect(carried.length).toBeLessThan(50)
    expect(
      (params.get('ids') ?? '').length + (params.get('invalid') ?? '').length,
    ).toBeLessThanOrEqual(MAX_IDS_IN_URL_CHARS)
    expect(params.get('invalidTotal')).toBe('50')
  })

  it('stay out of the link when there are none, or none that could be one', () => {
    expect(batchLink(ids, '', { tokens: [], total: 0 }).href).toBe(`/batch?ids=${ids.join(',')}`)
    expect(batchLink(ids, '', null).href).toBe(`/batch?ids=${ids.join(',')}`)
    expect(batchLink(ids, '', { tokens: ['a&b=c'], total: 1 }).href).toBe(
      `/batch?ids=${ids.join(',')}&invalidTotal=1`,
    )
  })

  it('go into the text of a list kept in the tab, with their count when it is more', () => {
    const link = batchLink(idList(300), '', { tokens: PASTED, total: 2 })
    expect(link.href).toMatch(/^\/batch\?list=[a-z0-9]+$/)
    expect(readBatchSearch(searchOf(link.href))).toEqual({
      text: [...idList(300), ...PASTED].join(','),
      kinds: '',
      shareable: false,
      missingList: false,
    })
    const more = batchLink(idList(300), '', { tokens: PASTED, total: 80 })
    expect(readBatchSearch(searchOf(more.href)).rejectedTotal).toBe(80)
    expect(clearBatchLists()).toBe(2)
    expect(storage.length).toBe(0)
  })

  it.each([
    ['a count that is not a number', 'lots'],
    ['a negative count', '-3'],
    ['a count that is not whole', '2.5'],
  ])('ignore %s', (_, total) => {
    expect(readBatchSearch(`?ids=${ids.join(',')}&invalidTotal=${total}`).rejectedTotal).toBe(
      undefined,
    )
  })

  it('stay in the address when the kinds are added to it', () => {
    const link = batchLink(ids, '', { tokens: PASTED, total: 7 })
    expect(withKinds(searchOf(link.href), '01.')).toBe(
      `/batch?ids=${ids.join(',')}&kinds=01.&invalid=${PASTED.join(',')}&invalidTotal=7`,
    )
  })
})

describe('listedRejected: what the batch page lists as left out', () => {
  const [id] = idList(1) as [string]
  const GLUED = 'zz0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
  const V1 = '3f2b8c1e-7a4d-11ef-9b1a-2c5d8e0f4a71'

  it.each<[string, string, number | undefined, ReturnType<typeof listedRejected>]>([
    ['nothing for a list of ids alone', id, undefined, null],
    [
      'the tokens in the list’s text, as pasted',
      `${id},${GLUED},${V1}`,
      undefined,
      { tokens: [GLUED, V1], total: 2 },
    ],
    ['each once', `${id},${GLUED},${GLUED}`, undefined, { tokens: [GLUED], total: 1 }],
    ['nothing that does not look like an id', `${id},hello,<b>`, undefined, null],
    [
      'the count the list states when it kept only some',
      `${id},${V1}`,
      9,
      { tokens: [V1], total: 9 },
    ],
    ['never fewer than it finds', `${id},${GLUED},${V1}`, 1, { tokens: [GLUED, V1], total: 2 }],
  ])('%s', (_, text, stated, expected) => {
    expect(listedRejected(text, stated)).toEqual(expected)
  })
})
