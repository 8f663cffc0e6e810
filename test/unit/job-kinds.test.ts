// The compact list of kinds a batch link and Recent's batch carry: one character per job.
import { describe, expect, it } from 'vitest'
import { JOB_KINDS, decodeKinds, encodeKinds, isEncodedKinds } from '../../src/lib/job-kinds.ts'

describe('encodeKinds and decodeKinds', () => {
  it('spell each built-in kind by its place in JOB_KINDS, and anything else as a dot', () => {
    expect(JOB_KINDS.slice(0, 3)).toEqual(['images', 'chat', 'speech'])
    expect(encodeKinds(['images', 'chat', 'speech', null, undefined, 'video'])).toBe('012...')
  })

  it('read back what they wrote, one kind per job', () => {
    const kinds = ['speech', null, 'images', 'chat'] as const
    expect(decodeKinds(encodeKinds(kinds), kinds.length)).toEqual(kinds)
  })

  it('read a short, missing or garbled text as kinds not known', () => {
    expect(decodeKinds('0', 3)).toEqual(['images', null, null])
    expect(decodeKinds(undefined, 2)).toEqual([null, null])
    expect(decodeKinds('z9', 2)).toEqual([null, null])
  })

  it('keep 1,000 jobs in 1,000 characters', () => {
    expect(encodeKinds(Array.from({ length: 1_000 }, () => 'speech'))).toHaveLength(1_000)
  })
})

describe('isEncodedKinds', () => {
  it.each([
    ['', true],
    ['012.', true],
    ['....', true],
    ['images', false],
    ['0 1', false],
    ['3', false],
    ['01%', false],
  ])('%j → %s', (text, expected) => {
    expect(isEncodedKinds(text)).toBe(expected)
  })
})
