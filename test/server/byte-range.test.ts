import { describe, expect, it } from 'vitest'
import { type ByteRange, parseByteRange } from '../../server/byte-range.ts'

const SIZE = 1000

describe('parseByteRange', () => {
  it.each<[string, ByteRange]>([
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=100-199', { start: 100, end: 199 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=999-', { start: 999, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['BYTES=10-19', { start: 10, end: 19 }],
    ['bytes= 10-19 ', { start: 10, end: 19 }],
  ])('%s is one satisfiable range', (header, range) => {
    expect(parseByteRange(header, SIZE)).toEqual(range)
  })

  it.each([['bytes=1000-'], ['bytes=1000-1001'], ['bytes=99999999999999999999-'], ['bytes=-0']])(
    '%s is unsatisfiable',
    (header) => {
      expect(parseByteRange(header, SIZE)).toBe('unsatisfiable')
    },
  )

  it.each([
    ['no header', undefined],
    ['another unit', 'items=0-1'],
    ['no unit', '0-1'],
    ['an empty spec', 'bytes='],
    ['a bare dash', 'bytes=-'],
    ['last before first', 'bytes=20-10'],
    ['a negative start', 'bytes=--5'],
    ['letters', 'bytes=a-b'],
    ['a fraction', 'bytes=1.5-2'],
    ['several ranges', 'bytes=0-1,5-6'],
    ['several ranges, one unsatisfiable', 'bytes=0-1,5000-6000'],
  ])('%s asks for the whole representation', (_, header) => {
    expect(parseByteRange(header, SIZE)).toBeUndefined()
  })

  it('finds nothing to send in an empty representation', () => {
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable')
    expect(parseByteRange('bytes=-1', 0)).toBe('unsatisfiable')
  })
})
