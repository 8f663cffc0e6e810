// CSV that survives any text and is safe to open in a spreadsheet (RFC 4180 + formula defusing).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CsvValue, csvField, toCsv } from '../../src/lib/csv.ts'

describe('csvField', () => {
  it.each<[string, CsvValue, string]>([
    ['plain text stays as it is', 'COMPLETED', 'COMPLETED'],
    ['the empty string stays empty', '', ''],
    ['a value with a comma is quoted', 'sdxl, turbo', '"sdxl, turbo"'],
    ['double quotes are doubled inside quotes', 'say "hi"', '"say ""hi"""'],
    ['a lone double quote', '"', '""""'],
    ['an LF inside a value is kept, quoted', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a CR inside a value is kept, quoted', 'line 1\rline 2', '"line 1\rline 2"'],
    ['a CRLF inside a value is kept, quoted', 'line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['spaces are not a reason to quote', ' padded value ', ' padded value '],
    ['an apostrophe is not a reason to quote', "it's", "it's"],
    ['a leading = is defused', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['a leading + is defused', '+1 555 0100', "'+1 555 0100"],
    ['a leading - is defused', '-2+3', "'-2+3"],
    ['a leading @ is defused', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab is defused', '\t=1', "'\t=1"],
    ['a leading CR is defused and quoted', '\r=1', `"'\r=1"`],
    ['a formula with a comma is defused, then quoted', '=1,2', `"'=1,2"`],
    [
      'a formula with quotes is defused, then quoted with doubled quotes',
      '=HYPERLINK("http://evil.example","x")',
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    ],
    ['an = that is not first is left alone', 'a=b', 'a=b'],
    ['a - that is not first is left alone', 'Flux.1-dev', 'Flux.1-dev'],
    ['null is an empty field', null, ''],
    ['zero', 0, '0'],
    ['an integer', 42, '42'],
    ['a fraction', 65.5, '65.5'],
    ['a negative number is a number, not a formula', -1.5, '-1.5'],
    ['NaN is an empty field', Number.NaN, ''],
    ['Infinity is an empty field', Number.POSITIVE_INFINITY, ''],
    ['-Infinity is an empty field', Number.NEGATIVE_INFINITY, ''],
  ])('%s', (_, value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('toCsv', () => {
  it.each<[string, readonly string[], CsvValue[][], string]>([
    ['a header alone ends with CRLF', ['id', 'status'], [], 'id,status\r\n'],
    [
      'rows are CRLF-separated, with a trailing CRLF',
      ['id', 'count'],
      [
        ['a', 1],
        ['b', 2],
      ],
      'id,count\r\na,1\r\nb,2\r\n',
    ],
    [
      'empty fields keep their commas',
      ['a', 'b', 'c'],
      [[null, '', Number.NaN]],
      'a,b,c\r\n,,\r\n',
    ],
    [
      'a value with a line break stays in its row',
      ['id', 'note'],
      [['a', 'two\nlines']],
      'id,note\r\na,"two\nlines"\r\n',
    ],
    [
      'header cells are escaped like any other',
      ['id', 'say "hi", =1'],
      [],
      'id,"say ""hi"", =1"\r\n',
    ],
  ])('%s', (_, header, rows, expected) => {
    expect(toCsv(header, rows)).toBe(expected)
  })
})

/**
 * A strict RFC 4180 reader: records end with CRLF, fields that hold a quote, comma, CR or LF must be
 * quoted, and quotes inside quoted fields are doubled. Anything else throws, so a writer that forgets
 * to quote is caught rather than read generously.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let index = 0
  const endField = () => {
    record.push(field)
    field = ''
  }
  while (index < text.length) {
    if (text[index] === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${index}`)
      index += 1
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field')
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"'
            index += 2
            continue
          }
          index += 1
          break
        }
        field += text[index]
        index += 1
      }
      const next = text[index]
      if (next !== ',' && next !== '\r') throw new Error(`text after a closing quote at ${index}`)
      continue
    }
    if (text[index] === ',') {
      endField()
      index += 1
    } else if (text.startsWith('\r\n', index)) {
      endField()
      records.push(record)
      record = []
      index += 2
    } else if (text[index] === '\r' || text[index] === '\n') {
      throw new Error(`bare line break in an unquoted field at ${index}`)
    } else {
      field += text[index]
      index += 1
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF')
  return records
}

describe('parseCsv (the test’s own reader)', () => {
  it.each<[string, string, string[][]]>([
    [
      'plain records',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'quoted fields with commas, quotes and line breaks',
      '"a,1","say ""hi""","x\r\ny"\r\n',
      [['a,1', 'say "hi"', 'x\r\ny']],
    ],
    ['empty fields', ',\r\n', [['', '']]],
  ])('reads %s', (_, text, expected) => {
    expect(parseCsv(text)).toEqual(expected)
  })

  it.each<[string, string]>([
    ['an unquoted quote', 'a"b\r\n'],
    ['a bare LF', 'a\nb\r\n'],
    ['a missing final CRLF', 'a,b'],
    ['an unterminated quote', '"a\r\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parseCsv(text)).toThrow()
  })
})

describe('toCsv round trip', () => {
  /** What a cell should read back as: the text, with an apostrophe before a formula start. */
  const defused = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

  const awkwardText = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', ',', '"', "'", '\r', '\n', '\t', '=', '+', '-', '@', ';'),
  })
  const cellText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), awkwardText)

  it('reads back every header and cell, defused where it starts a formula', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(
            fc.array(cellText, { minLength: width, maxLength: width }),
            fc.array(fc.array(cellText, { minLength: width, maxLength: width }), {
              maxLength: 8,
            }),
          ),
        ),
        ([header, rows]) => {
          const parsed = parseCsv(toCsv(header, rows))
          expect(parsed).toEqual([header.map(defused), ...rows.map((row) => row.map(defused))])
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads back finite numbers as their decimal text and null as an empty field', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), {
          minLength: 1,
        }),
        (values) => {
          const header = values.map((_, index) => `c${index}`)
          expect(parseCsv(toCsv(header, [values]))).toEqual([
            header,
            values.map((value) => (value === null ? '' : String(value))),
          ])
        },
      ),
    )
  })
})
