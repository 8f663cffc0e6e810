// POST /async/chat/result: an OpenAI-style chat completion inside the async job envelope. The docs give
// the shape (docs/reference/DISTRIBUTE_ASYNC_API.md, "Sibling endpoints") but not the inside of `tool_calls[]`, and
// `id` is optional here. Strict on `status` and on the documented types; tolerant of everything else.
import * as z from 'zod/mini'
import { BASE_FIELDS, type JobBase, baseJob, jobBaseShape, parseBody } from '../../api/job-base.ts'

const count = z.nullish(z.number())

const chatChoiceSchema = z.object({
  index: z.nullish(z.number()),
  finish_reason: z.nullish(z.string()),
  message: z.nullish(
    z.object({
      role: z.nullish(z.string()),
      // A string in the docs; OpenAI-compatible servers also send null or an array of parts, or
      // leave it out (tool-call messages). zod 4 requires an object key whose schema is a bare
      // z.unknown(), so it must be marked optional or such a message fails the whole job.
      content: z.optional(z.unknown()),
      name: z.nullish(z.string()),
      tool_calls: z.nullish(z.array(z.unknown())),
    }),
  ),
})

export const chatJobResponseSchema = z.object({
  id: z.nullish(z.string()),
  ...jobBaseShape,
  service_tier: z.nullish(z.string()),
  usage: z.nullish(
    z.object({ prompt_tokens: count, completion_tokens: count, total_tokens: count }),
  ),
  choices: z.nullish(z.array(chatChoiceSchema)),
})

export const CHAT_JOB_FIELDS = [...BASE_FIELDS, 'service_tier', 'usage', 'choices'] as const

export interface ChatUsage {
  readonly promptTokens: number | null
  readonly completionTokens: number | null
  readonly totalTokens: number | null
}

export interface ChatToolCall {
  /**
   * `function`: the OpenAI shape, `{id, type, function: {name, arguments}}`. `other`: anything else
   * (undocumented), kept whole as `arguments` so nothing the API sent is hidden.
   */
  readonly shape: 'function' | 'other'
  readonly id: string | null
  readonly type: string | null
  /** `function.name`, when the call has the OpenAI shape. */
  readonly name: string | null
  /** `function.arguments` as text (JSON text in the OpenAI shape); the whole call for another shape. */
  readonly arguments: string | null
}

export interface ChatMessage {
  readonly role: string | null
  /** The text as sent, never markup; null when the API sent none. */
  readonly content: string | null
  readonly name: string | null
  readonly toolCalls: readonly ChatToolCall[]
}

export interface ChatChoice {
  readonly index: number | null
  /** As sent: `stop`, `tool_calls`, or anything else. */
  readonly finishReason: string | null
  readonly message: ChatMessage | null
}

export interface ChatJob extends JobBase {
  readonly kind: 'chat'
  readonly serviceTier: string | null
  readonly usage: ChatUsage | null
  readonly choices: readonly ChatChoice[]
}

/**
 * Any JSON value either becomes a ChatJob or a `bad-response` ApiError. `requestedId` stands in for
 * the `id` the chat endpoint may leave out.
 */
export function parseChatJob(json: unknown, rawText: string, requestedId: string): ChatJob {
  const body = parseBody(chatJobResponseSchema, json, rawText)
  return {
    kind: 'chat',
    ...baseJob(body, body.id ?? requestedId),
    serviceTier: body.service_tier ?? null,
    usage: body.usage
      ? {
          promptTokens: body.usage.prompt_tokens ?? null,
          completionTokens: body.usage.completion_tokens ?? null,
          totalTokens: body.usage.total_tokens ?? null,
        }
      : null,
    choices: (body.choices ?? []).map((choice) => ({
      index: choice.index ?? null,
      finishReason: choice.finish_reason ?? null,
      message: choice.message
        ? {
            role: choice.message.role ?? null,
            content: contentText(choice.message.content),
            name: choice.message.name ?? null,
            toolCalls: (choice.message.tool_calls ?? []).map(toolCall),
          }
        : null,
    })),
  }
}

/** A string as it is; an array of `{type: "text", text}` parts joined; anything else as JSON text. */
function contentText(content: unknown): string | null {
  if (content === null || content === undefined) return null
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    const texts = content.map((part: unknown) =>
      isRecord(part) && typeof part.text === 'string' ? part.text : null,
    )
    if (texts.every((text) => text !== null)) return texts.join('')
  }
  return JSON.stringify(content)
}

function toolCall(raw: unknown): ChatToolCall {
  if (!isRecord(raw)) {
    const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? null)
    return { shape: 'other', id: null, type: null, name: null, arguments: text }
  }
  const fn = isRecord(raw.function) ? raw.function : undefined
  const id = typeof raw.id === 'string' ? raw.id : null
  const type = typeof raw.type === 'string' ? raw.type : null
  if (fn === undefined) {
    return { shape: 'other', id, type, name: null, arguments: JSON.stringify(raw) }
  }
  const args = fn.arguments
  return {
    shape: 'function',
    id,
    type,
    name: typeof fn.name === 'string' ? fn.name : null,
    arguments:
      typeof args === 'string'
        ? args
        : args === undefined || args === null
          ? null
          : JSON.stringify(args),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
