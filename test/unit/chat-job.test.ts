import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/api/api-error.ts'
import { parseChatJob } from '../../src/kinds/chat/chat-job.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const REQUESTED = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const CREATED_S = 1747465224
const CREATED_ISO = '2025-05-17T07:00:24.000Z'

/** Parses a body the way the fetcher does: the JSON value, the text it came from, the id asked for. */
function parse(body: unknown, requestedId = REQUESTED) {
  return parseChatJob(body, JSON.stringify(body), requestedId)
}

/** The ApiError a body is rejected with; fails the test when it parses or throws something else. */
function rejectionOf(body: unknown, rawText: string): ApiError {
  try {
    parseChatJob(body, rawText, REQUESTED)
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error(`expected ${rawText} to be rejected`)
}

function completed(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: ID, status: 'COMPLETED', created: CREATED_S, ...extra }
}

const message = (fields: Record<string, unknown>) =>
  completed({ choices: [{ index: 0, finish_reason: 'stop', message: fields }] })

const firstMessage = (body: unknown) => parse(body).choices[0]?.message

describe('parseChatJob: the documented shape', () => {
  it('maps every documented field', () => {
    const job = parse({
      id: ID,
      status: 'COMPLETED',
      created: CREATED_S,
      finished: CREATED_S + 3,
      model: 'Llama-3.1-8B-Instruct',
      service_tier: 'default',
      usage: { prompt_tokens: 12, completion_tokens: 34, total_tokens: 46 },
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'Let me look.',
            name: 'helper',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
              },
            ],
          },
        },
      ],
    })
    expect(job).toEqual({
      kind: 'chat',
      id: ID,
      status: 'COMPLETED',
      created: { kind: 'valid', date: new Date(CREATED_ISO) },
      finished: { kind: 'valid', date: new Date(Date.parse(CREATED_ISO) + 3_000) },
      model: 'Llama-3.1-8B-Instruct',
      serviceTier: 'default',
      usage: { promptTokens: 12, completionTokens: 34, totalTokens: 46 },
      choices: [
        {
          index: 0,
          finishReason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'Let me look.',
            name: 'helper',
            toolCalls: [
              {
                shape: 'function',
                id: 'call_1',
                type: 'function',
                name: 'get_weather',
                arguments: '{"city":"Oslo"}',
              },
            ],
          },
        },
      ],
    })
  })

  it('keeps several choices in the order sent, whatever their indexes', () => {
    const job = parse(
      completed({
        choices: [
          { index: 1, finish_reason: 'stop', message: { role: 'assistant', content: 'B' } },
          { index: 0, finish_reason: 'length', message: { role: 'assistant', content: 'A' } },
        ],
      }),
    )
    expect(job.choices.map((choice) => [choice.index, choice.message?.content])).toEqual([
      [1, 'B'],
      [0, 'A'],
    ])
  })
})

describe('parseChatJob: the id the chat endpoint may leave out', () => {
  it.each([
    ['missing', {}],
    ['null', { id: null }],
  ])('uses the id asked for when the body id is %s', (_, extra) => {
    const body: Record<string, unknown> = { status: 'QUEUED', ...extra }
    expect(parse(body, REQUESTED).id).toBe(REQUESTED)
  })

  it('keeps the id the API sent, even when it differs from the one asked for', () => {
    expect(parse(completed(), REQUESTED).id).toBe(ID)
  })
})

describe('parseChatJob: time formats', () => {
  it.each([
    ['epoch seconds', CREATED_S, Date.parse(CREATED_ISO)],
    ['epoch milliseconds', CREATED_S * 1000 + 27, Date.parse(CREATED_ISO) + 27],
    ['an ISO string', '2025-05-17T07:00:24.027Z', Date.parse(CREATED_ISO) + 27],
    ['fractional epoch seconds', CREATED_S + 0.5, Date.parse(CREATED_ISO) + 500],
  ])('reads created given as %s', (_, created, expectedMs) => {
    expect(parse(completed({ created })).created).toEqual({
      kind: 'valid',
      date: new Date(expectedMs),
    })
  })

  it.each([
    ['null', { finished: null }],
    ['absent', {}],
  ])('reads finished %s as absent', (_, extra) => {
    expect(parse(completed(extra)).finished).toEqual({ kind: 'absent' })
  })

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['unreadable text', 'soon'],
  ])('keeps a %s time as invalid with its raw text', (_, created) => {
    expect(parse(completed({ created })).created).toEqual({ kind: 'invalid', raw: String(created) })
  })
})

describe('parseChatJob: drifted bodies', () => {
  it('reads a pending job with nothing but a status', () => {
    expect(parse({ status: 'PROCESSING' })).toEqual({
      kind: 'chat',
      id: REQUESTED,
      status: 'PROCESSING',
      created: { kind: 'absent' },
      finished: { kind: 'absent' },
      model: null,
      serviceTier: null,
      usage: null,
      choices: [],
    })
  })

  it.each([
    ['null', { choices: null }],
    ['absent', {}],
    ['empty', { choices: [] }],
  ])('reads choices that are %s as none', (_, extra) => {
    expect(parse(completed(extra)).choices).toEqual([])
  })

  it('reads missing usage counts as null, and usage null as no usage', () => {
    expect(parse(completed({ usage: { total_tokens: 7 } })).usage).toEqual({
      promptTokens: null,
      completionTokens: null,
      totalTokens: 7,
    })
    expect(parse(completed({ usage: null })).usage).toBeNull()
  })

  it('reads a choice with nothing in it as index, finish reason and message all null', () => {
    expect(parse(completed({ choices: [{}] })).choices).toEqual([
      { index: null, finishReason: null, message: null },
    ])
  })

  it('reads a message with nothing in it as no role, no text, no name and no tool calls', () => {
    expect(firstMessage(message({}))).toEqual({
      role: null,
      content: null,
      name: null,
      toolCalls: [],
    })
    expect(firstMessage(message({ tool_calls: null, content: null }))?.toolCalls).toEqual([])
  })

  it.each(['length', 'content_filter', 'function_call', 'STOP', '', '<b>halt</b>'])(
    'keeps the finish reason %j exactly as sent',
    (finishReason) => {
      const body = completed({ choices: [{ finish_reason: finishReason }] })
      expect(parse(body).choices[0]?.finishReason).toBe(finishReason)
    },
  )

  it.each(['user', 'system', 'tool', 'developer', 'ASSISTANT', 'robot 🤖'])(
    'keeps the role %j exactly as sent',
    (role) => {
      expect(firstMessage(message({ role }))?.role).toBe(role)
    },
  )

  it('ignores unknown fields at every level', () => {
    const job = parse(
      completed({
        system_fingerprint: 'fp_1',
        object: 'chat.completion',
        usage: { total_tokens: 3, prompt_tokens_details: { cached_tokens: 1 } },
        choices: [
          {
            index: 0,
            logprobs: null,
            message: { role: 'assistant', content: 'Hi', refusal: null, audio: { id: 'x' } },
          },
        ],
      }),
    )
    expect(Object.keys(job).sort()).toEqual(
      [
        'choices',
        'created',
        'finished',
        'id',
        'kind',
        'model',
        'serviceTier',
        'status',
        'usage',
      ].sort(),
    )
    expect(Object.keys(job.usage ?? {}).sort()).toEqual(
      ['completionTokens', 'promptTokens', 'totalTokens'].sort(),
    )
    expect(Object.keys(job.choices[0] ?? {}).sort()).toEqual(
      ['finishReason', 'index', 'message'].sort(),
    )
    expect(Object.keys(job.choices[0]?.message ?? {}).sort()).toEqual(
      ['content', 'name', 'role', 'toolCalls'].sort(),
    )
  })
})

describe('parseChatJob: message content in other shapes', () => {
  it('joins an array of text parts into one text', () => {
    const content = [
      { type: 'text', text: 'First part. ' },
      { type: 'text', text: 'Second part.' },
    ]
    expect(firstMessage(message({ content }))?.content).toBe('First part. Second part.')
  })

  it('reads an empty array of parts as an empty text', () => {
    expect(firstMessage(message({ content: [] }))?.content).toBe('')
  })

  it.each([
    ['an array with a part that is not text', [{ type: 'text', text: 'a' }, { type: 'image' }]],
    ['an object', { text: 'not a part list' }],
    ['a number', 42],
    ['a boolean', true],
  ])('shows content that is %s as its JSON text', (_, content) => {
    expect(firstMessage(message({ content }))?.content).toBe(JSON.stringify(content))
  })

  it('keeps line breaks, tabs and whitespace of a string exactly', () => {
    const content = '  Line one\n\nLine two\r\n\tindented  '
    expect(firstMessage(message({ content }))?.content).toBe(content)
  })
})

describe('parseChatJob: tool calls', () => {
  it('reads arguments that are not text (an object) as their JSON text', () => {
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: { a: 1 } } }
    expect(firstMessage(message({ tool_calls: [call] }))?.toolCalls).toEqual([
      { shape: 'function', id: 'c', type: 'function', name: 'f', arguments: '{"a":1}' },
    ])
  })

  it('keeps arguments that are not JSON exactly as sent', () => {
    const call = { function: { name: 'f', arguments: 'city=Oslo' } }
    expect(firstMessage(message({ tool_calls: [call] }))?.toolCalls[0]?.arguments).toBe('city=Oslo')
  })

  it.each([
    ['missing', { name: 'f' }],
    ['null', { name: 'f', arguments: null }],
  ])('reads arguments that are %s as none', (_, fn) => {
    const call = firstMessage(message({ tool_calls: [{ function: fn }] }))?.toolCalls[0]
    expect(call).toEqual({ shape: 'function', id: null, type: null, name: 'f', arguments: null })
  })

  it('reads a call without a function object (another shape) as the whole call in JSON', () => {
    const raw = { name: 'legacy', parameters: { q: 1 } }
    expect(firstMessage(message({ tool_calls: [raw] }))?.toolCalls).toEqual([
      { shape: 'other', id: null, type: null, name: null, arguments: JSON.stringify(raw) },
    ])
  })

  it('keeps a tool call that is a string as that text, marked as another shape', () => {
    expect(firstMessage(message({ tool_calls: ['get_weather(Oslo)'] }))?.toolCalls).toEqual([
      { shape: 'other', id: null, type: null, name: null, arguments: 'get_weather(Oslo)' },
    ])
  })

  it.each([
    ['a number', 7],
    ['null', null],
    ['an array', ['f', '{}']],
  ])('survives a tool call that is %s, keeping it as JSON text', (_, raw) => {
    expect(firstMessage(message({ tool_calls: [raw] }))?.toolCalls).toEqual([
      { shape: 'other', id: null, type: null, name: null, arguments: JSON.stringify(raw) },
    ])
  })

  it('ignores non-string ids, types and names rather than rejecting the job', () => {
    const raw = { id: 5, type: ['function'], function: { name: { n: 1 }, arguments: '{}' } }
    expect(firstMessage(message({ tool_calls: [raw] }))?.toolCalls).toEqual([
      { shape: 'function', id: null, type: null, name: null, arguments: '{}' },
    ])
  })
})

describe('parseChatJob: hostile content stays inert strings', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u202eevil\u202c',
    '\u0000\u0007 control',
    '{{constructor.constructor("alert(1)")()}}',
  ]

  it.each(hostile)(
    'keeps %j as the same string in content, role, name and finish reason',
    (text) => {
      const choice = parse(
        completed({
          choices: [
            {
              finish_reason: text,
              message: {
                role: text,
                content: text,
                name: text,
                tool_calls: [{ function: { name: text, arguments: text } }],
              },
            },
          ],
        }),
      ).choices[0]
      expect(choice?.finishReason).toBe(text)
      expect(choice?.message).toEqual({
        role: text,
        content: text,
        name: text,
        toolCalls: [{ shape: 'function', id: null, type: null, name: text, arguments: text }],
      })
    },
  )

  it('does not let a "__proto__" field pollute anything', () => {
    const body: unknown = JSON.parse(
      `{"status":"COMPLETED","__proto__":{"polluted":true},"choices":[{"message":{"__proto__":{"x":1},"content":"hi"}}]}`,
    )
    const job = parse(body)
    expect(job.choices[0]?.message?.content).toBe('hi')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('parseChatJob: bodies it cannot work with', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'COMPLETED'],
    ['a number', 42],
    ['an empty object', {}],
    ['a missing status', { id: ID }],
    ['a null status', { id: ID, status: null }],
    ['a numeric status', { id: ID, status: 3 }],
    ['a numeric id', { id: 42, status: 'COMPLETED' }],
    ['choices that are an object', completed({ choices: { 0: {} } })],
    ['a choice that is null', completed({ choices: [null] })],
    ['a choice that is a string', completed({ choices: ['Hello'] })],
    ['a string index', completed({ choices: [{ index: '0' }] })],
    ['a numeric finish_reason', completed({ choices: [{ finish_reason: 1 }] })],
    ['a message that is a string', completed({ choices: [{ message: 'Hello' }] })],
    ['a numeric role', message({ role: 1 })],
    ['a numeric name', message({ name: 1 })],
    ['tool_calls that are an object', message({ tool_calls: { id: 'x' } })],
    ['usage that is a number', completed({ usage: 46 })],
    ['a token count that is a string', completed({ usage: { total_tokens: '46' } })],
    ['a numeric service_tier', completed({ service_tier: 1 })],
    ['a numeric model', completed({ model: 1 })],
    ['created that is an object', completed({ created: { s: 1 } })],
  ])('rejects %s as a bad-response ApiError that keeps the raw body', (_, body) => {
    const rawText = JSON.stringify(body)
    const error = rejectionOf(body, rawText)
    expect(error.kind).toBe('bad-response')
    expect(error.rawBody).toBe(rawText)
    expect(error.message).toMatch(/expected shape/)
  })

  it('names the offending field in the message', () => {
    const body = completed({ choices: [{ finish_reason: 1 }] })
    expect(rejectionOf(body, JSON.stringify(body)).message).toContain('choices.0.finish_reason')
  })

  it('truncates a huge raw body instead of keeping all of it', () => {
    const rawText = JSON.stringify(['x'.repeat(50_000)])
    const error = rejectionOf(['x'.repeat(50_000)], rawText)
    expect(error.rawBody?.length).toBeLessThan(20_100)
    expect(error.rawBody?.startsWith(rawText.slice(0, 1_000))).toBe(true)
  })
})

describe('parseChatJob: properties', () => {
  it('turns any JSON value into a chat job or a bad-response ApiError, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const rawText = JSON.stringify(value)
        try {
          const job = parseChatJob(value, rawText, REQUESTED)
          expect(job.kind).toBe('chat')
          expect(typeof job.id).toBe('string')
          expect(typeof job.status).toBe('string')
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError)
          expect((error as ApiError).kind).toBe('bad-response')
          expect((error as ApiError).rawBody).toBe(rawText)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('reads job-shaped bodies whose other fields are arbitrary JSON as a job or bad-response', () => {
    const anyField = fc.option(fc.jsonValue(), { nil: undefined })
    const message = fc.record(
      {
        role: fc.oneof(fc.string(), anyField),
        content: anyField,
        name: fc.oneof(fc.string(), anyField),
        tool_calls: fc.oneof(anyField, fc.array(anyField)),
      },
      { requiredKeys: [] },
    )
    const choice = fc.record(
      {
        index: fc.oneof(fc.integer(), anyField),
        finish_reason: fc.oneof(fc.constantFrom('stop', 'tool_calls'), fc.string(), anyField),
        message: fc.oneof(message, anyField),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.record(
          {
            id: fc.oneof(fc.string(), anyField),
            status: fc.string(),
            created: anyField,
            finished: anyField,
            model: anyField,
            service_tier: anyField,
            usage: anyField,
            choices: fc.oneof(anyField, fc.array(choice)),
          },
          { requiredKeys: ['status'] },
        ),
        (body) => {
          const rawText = JSON.stringify(body)
          try {
            const job = parseChatJob(body, rawText, REQUESTED)
            expect(job.id).toBe(typeof body.id === 'string' ? body.id : REQUESTED)
            for (const choice of job.choices) {
              const content = choice.message?.content
              expect(content === null || content === undefined || typeof content === 'string').toBe(
                true,
              )
              for (const call of choice.message?.toolCalls ?? []) {
                expect(call.arguments === null || typeof call.arguments === 'string').toBe(true)
              }
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ApiError)
            expect((error as ApiError).kind).toBe('bad-response')
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('always parses a well-typed body with arbitrary extra fields, ignoring the extras', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((key) => !['id', 'status', 'choices', '__proto__'].includes(key)),
          fc.jsonValue(),
        ),
        fc.string(),
        fc.string(),
        (extra, status, content) => {
          const body = {
            ...extra,
            status,
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
          }
          const known = ['created', 'finished', 'model', 'service_tier', 'usage']
          try {
            const job = parseChatJob(body, JSON.stringify(body), REQUESTED)
            expect(job.status).toBe(status)
            expect(job.choices[0]?.message?.content).toBe(content)
          } catch (error) {
            // Only a documented field of the wrong type may reject it.
            expect((error as ApiError).kind).toBe('bad-response')
            expect(Object.keys(extra).some((key) => known.includes(key))).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
