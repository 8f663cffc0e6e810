// The kind registry and the list of kinds agree: the list is what the early lookup asks and both
// proxies let through (nginx's allowlist is held to it in nginx-config.test.ts), the registry what
// the app parses and shows. A kind in one and not the other would be asked but not understood, or
// understood but never let through.
import { describe, expect, it } from 'vitest'
import { JOB_KINDS, kindsSentence } from '../../src/lib/job-kinds.ts'
import { BUILT_IN_KINDS, createKindRegistry } from '../../src/kinds/registry.ts'

describe('the built-in kind registry', () => {
  it('holds exactly the kinds of src/lib/job-kinds.ts, in the order a bare id is searched', () => {
    expect(BUILT_IN_KINDS.names).toEqual([...JOB_KINDS])
  })

  it('gives each kind its word, and a kind it lacks its name', () => {
    expect(JOB_KINDS.map((kind) => BUILT_IN_KINDS.label(kind))).toEqual(['Image', 'Chat', 'Speech'])
    expect(BUILT_IN_KINDS.label('video')).toBe('video')
    expect(BUILT_IN_KINDS.has('video')).toBe(false)
    expect(BUILT_IN_KINDS.has(null)).toBe(false)
  })

  it('refuses two kinds of one name', () => {
    const images = BUILT_IN_KINDS.entry('images')
    expect(images).toBeDefined()
    if (images === undefined) return
    expect(() => createKindRegistry([images, images])).toThrow(/Two kinds of one name/)
  })
})

describe('kindsSentence', () => {
  it.each<[readonly string[], string, string]>([
    [[], 'and', ''],
    [['images'], 'and', 'images'],
    [['images', 'chat'], 'or', 'images or chat'],
    [[...JOB_KINDS], 'or', 'images, chat or speech'],
  ])('%j with "%s" reads "%s"', (kinds, conjunction, sentence) => {
    expect(kindsSentence(kinds, conjunction)).toBe(sentence)
  })
})
