import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type JobIdInput, extractJobIds, isJobId, readJobIdInput } from '../../src/lib/job-id.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const C = '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
const V1 = '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'
const BAD_VARIANT = '3f2b8c1e-7a4d-4e6f-cb1a-2c5d8e0f4a71'

describe('isJobId', () => {
  it.each<[string, string, boolean]>([
    ['a lowercase v4 uuid', A, true],
    ['an uppercase v4 uuid', A.toUpperCase(), true],
    ['variant 8', '3f2b8c1e-7a4d-4e6f-8b1a-2c5d8e0f4a71', true],
    ['variant b', '3f2b8c1e-7a4d-4e6f-bb1a-2c5d8e0f4a71', true],
    ['a v1 uuid', V1, false],
    ['a v5 uuid', '3f2b8c1e-7a4d-5e6f-9b1a-2c5d8e0f4a71', false],
    ['a bad variant', BAD_VARIANT, false],
    ['a uuid with surrounding whitespace', ` ${A} `, false],
    ['a uuid in braces', `{${A}}`, false],
    ['a uuid without dashes', A.replaceAll('-', ''), false],
    ['a uuid with a non-hex letter', A.replace('f', 'g'), false],
    ['a uuid one character short', A.slice(1), false],
    ['the empty string', '', false],
  ])('%s → %s', (_, value, expected) => {
    expect(isJobId(value)).toBe(expected)
  })
})

describe('extractJobIds: what support staff paste', () => {
  it.each<[string, string, string[]]>([
    ['a bare id', A, [A]],
    ['an id with whitespace and newlines', `  \n\t${A}\n  `, [A]],
    ['an uppercase id, lowercased', A.toUpperCase(), [A]],
    ['a mixed-case id, lowercased', '3F2b8C1e-7A4d-4E6f-9B1a-2C5d8E0f4A71', [A]],
    ['a job page URL with a query', `https://x/jobs/${A}?a=b`, [A]],
    ['a URL with the id as a query value', `https://app.example.com/lookup?id=${A}&tab=raw`, [A]],
    ['a URL with the id before a fragment', `https://x/jobs/${A}#results`, [A]],
    ['a log line', `2025-05-17T07:00:24Z INFO job_id=${A} status=QUEUED`, [A]],
    ['a JSON body', `{"id": "${A}", "status": "QUEUED"}`, [A]],
    ['a quoted id', `'${A}'`, [A]],
    ['an id in braces', `{${A}}`, [A]],
    ['two ids separated by a comma', `${A},${B}`, [A, B]],
    ['three ids on separate lines', `${A}\n${B}\r\n${C}`, [A, B, C]],
    ['ids separated by commas and spaces', `${C}, ${A} ,${B}`, [C, A, B]],
    ['the same id twice in different case', `${A}\n${A.toUpperCase()}`, [A]],
    ['a duplicate among others, first appearance kept', `${B} ${A} ${B.toUpperCase()}`, [B, A]],
    ['a v1 uuid', V1, []],
    ['a bad variant', BAD_VARIANT, []],
    ['a v1 uuid next to a v4 one', `${V1} ${A}`, [A]],
    ['an id preceded by more hex', `abc${A}`, []],
    ['an id followed by more hex', `${A}ff`, []],
    ['an id inside a longer dashed hex run', `0000-${A}-0000`, []],
    ['a prefixed id as logs write it', `job-${A} req-${B}`, [A, B]],
    ['an id in an image file name', `https://cdn.example/${A}-0.png`, [A]],
    ['an id after a percent-encoded slash', `next=%2Fjobs%2F${A}%3Ftab%3Draw`, [A]],
    ['an id after a literal percent sign', `100%${A}`, [A]],
    ['an id without dashes', A.replaceAll('-', ''), []],
    ['an empty string', '', []],
    ['prose', 'the job from yesterday failed', []],
  ])('%s', (_, text, expected) => {
    expect(extractJobIds(text)).toEqual(expected)
  })
})

describe('readJobIdInput', () => {
  it.each<[string, string, JobIdInput]>([
    ['an empty box', '', { kind: 'empty' }],
    ['whitespace only', ' \n\t ', { kind: 'empty' }],
    ['one id', A, { kind: 'valid', id: A }],
    ['one uppercase id with spaces', `  ${A.toUpperCase()}  `, { kind: 'valid', id: A }],
    ['one id in a URL', `https://x/jobs/${A}?a=b`, { kind: 'valid', id: A }],
    ['the same id twice', `${A} ${A.toUpperCase()}`, { kind: 'valid', id: A }],
    ['two ids', `${A}\n${B}`, { kind: 'several', ids: [A, B] }],
  ])('%s', (_, text, expected) => {
    expect(readJobIdInput(text)).toEqual(expected)
  })

  it.each<[string, string, RegExp]>([
    ['a v1 uuid', V1, new RegExp(`${V1}.*invalid.*version 4`)],
    ['a bad-variant uuid', BAD_VARIANT, /invalid/],
    ['random text', 'hello world', /invalid/],
    ['a truncated id', A.slice(0, 30), /invalid/],
    ['an id without dashes', A.replaceAll('-', ''), /invalid/],
  ])('%s is invalid, with a reason that says so', (_, text, reason) => {
    const input = readJobIdInput(text)
    expect(input.kind).toBe('invalid')
    expect(input.kind === 'invalid' ? input.reason : '').toMatch(reason)
  })
})

describe('extractJobIds: properties', () => {
  /** Text that can sit next to an id without joining it: no hex digits, no dashes. */
  const separator = fc.string({ unit: 'grapheme' }).map((text) => text.replace(/[0-9a-fA-F-]/g, ''))

  it('finds any v4 uuid between arbitrary non-hex, non-dash text', () => {
    fc.assert(
      fc.property(separator, fc.uuid({ version: 4 }), separator, (before, id, after) => {
        expect(extractJobIds(`${before}${id}${after}`)).toEqual([id])
      }),
    )
  })

  it('finds an id in any letter case, and returns it in lowercase', () => {
    fc.assert(
      fc.property(fc.mixedCase(fc.uuid({ version: 4 })), (id) => {
        expect(extractJobIds(id)).toEqual([id.toLowerCase()])
        expect(readJobIdInput(id)).toEqual({ kind: 'valid', id: id.toLowerCase() })
      }),
    )
  })

  it('only ever returns distinct lowercase ids that isJobId accepts', () => {
    const messy = fc
      .array(fc.oneof(fc.uuid(), fc.mixedCase(fc.uuid({ version: 4 })), fc.string()), {
        maxLength: 8,
      })
      .chain((parts) =>
        fc
          .array(fc.constantFrom(' ', ',', '\n', '-', 'a', '/'), {
            minLength: parts.length,
            maxLength: parts.length,
          })
          .map((seps) => parts.map((part, i) => `${part}${seps[i] ?? ''}`).join('')),
      )
    fc.assert(
      fc.property(messy, (text) => {
        const ids = extractJobIds(text)
        for (const id of ids) {
          expect(isJobId(id)).toBe(true)
          expect(id).toBe(id.toLowerCase())
        }
        expect(new Set(ids).size).toBe(ids.length)
      }),
    )
  })

  it('never accepts a uuid of another version', () => {
    const otherVersions = [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const
    fc.assert(
      fc.property(fc.mixedCase(fc.uuid({ version: [...otherVersions] })), (id) => {
        expect(isJobId(id)).toBe(false)
        expect(extractJobIds(id)).toEqual([])
        expect(readJobIdInput(id).kind).toBe('invalid')
      }),
    )
  })
})
