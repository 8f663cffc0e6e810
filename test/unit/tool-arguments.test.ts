import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toolArguments } from '../../src/kinds/chat/tool-arguments.ts'

describe('toolArguments', () => {
  it('is null when the call has no arguments', () => {
    expect(toolArguments(null)).toBeNull()
  })

  it('pretty-prints a JSON object with two-space indentation', () => {
    expect(toolArguments('{"city":"Oslo","days":[1,2]}')).toEqual({
      text: '{\n  "city": "Oslo",\n  "days": [\n    1,\n    2\n  ]\n}',
      json: true,
    })
  })

  it('pretty-prints a JSON array', () => {
    expect(toolArguments('[1,{"a":null}]')).toEqual({
      text: '[\n  1,\n  {\n    "a": null\n  }\n]',
      json: true,
    })
  })

  it('pretty-prints JSON that arrives with whitespace around it', () => {
    expect(toolArguments('  \n{"a":1}\n ')).toEqual({ text: '{\n  "a": 1\n}', json: true })
  })

  it.each([
    ['not JSON', 'city=Oslo'],
    ['cut-off JSON', '{"city": "Os'],
    ['an empty string', ''],
    ['JSON with a trailing comma', '{"a":1,}'],
    ['a bare JSON string', '"Oslo"'],
    ['a bare JSON number', '42'],
    ['JSON null', 'null'],
    ['JSON true', 'true'],
  ])('keeps %s exactly as sent, not marked as JSON', (_, raw) => {
    expect(toolArguments(raw)).toEqual({ text: raw, json: false })
  })

  it('keeps markup inside JSON strings as text, escaped as JSON', () => {
    const result = toolArguments('{"html":"<script>alert(1)</script>"}')
    expect(result).toEqual({ text: '{\n  "html": "<script>alert(1)</script>"\n}', json: true })
  })

  it('does not parse arguments past 200,000 characters: they are shown raw', () => {
    const huge = JSON.stringify({ data: 'x'.repeat(200_000) })
    expect(toolArguments(huge)).toEqual({ text: huge, json: false })
    const justUnder = JSON.stringify({ d: 'x'.repeat(200_000 - 10) })
    expect(justUnder.length).toBeLessThanOrEqual(200_000)
    expect(toolArguments(justUnder)?.json).toBe(true)
  })

  it('round-trips any JSON object or array: the pretty text parses back to the same value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.object(), fc.array(fc.jsonValue())), (value) => {
        const raw = JSON.stringify(value)
        const result = toolArguments(raw)
        expect(result?.json).toBe(true)
        expect(JSON.parse(result?.text ?? 'undefined')).toEqual(JSON.parse(raw))
      }),
    )
  })

  it('never throws, and keeps any text that is not a JSON object or array as sent', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const result = toolArguments(raw)
        if (result?.json !== true) expect(result).toEqual({ text: raw, json: false })
      }),
    )
  })
})
