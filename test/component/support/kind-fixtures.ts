// 200 bodies of the chat and speech result endpoints, as the API sends them
// (docs/reference/DISTRIBUTE_ASYNC_API.md, "Sibling endpoints"), and the jobs the app parses them
// into. Shared by unit and component tests.
import { type ChatJob, parseChatJob } from '../../../src/kinds/chat/chat-job.ts'
import { type SpeechJob, parseSpeechJob } from '../../../src/kinds/speech/speech-job.ts'
import { JOB_ID } from './server.ts'

export interface ApiChatMessage {
  role?: string | null
  content?: unknown
  name?: string | null
  tool_calls?: unknown[] | null
}

export interface ApiChatChoice {
  index?: number | null
  finish_reason?: string | null
  message?: ApiChatMessage | null
}

export interface ApiChatJob {
  id?: string | null
  status: string
  created?: string | number | null
  finished?: string | number | null
  model?: string | null
  service_tier?: string | null
  usage?: {
    prompt_tokens?: number | null
    completion_tokens?: number | null
    total_tokens?: number | null
  } | null
  choices?: ApiChatChoice[] | null
}

/** Epoch seconds, as the chat and speech endpoints declare their times. */
export const CREATED_S = 1747465200
export const FINISHED_S = 1747465203

/** A completed chat job with one answer, unless told otherwise. */
export function chatJob(overrides: Partial<ApiChatJob> = {}): ApiChatJob {
  return {
    id: JOB_ID,
    status: 'COMPLETED',
    created: CREATED_S,
    finished: FINISHED_S,
    model: 'Llama-3.1-8B-Instruct',
    service_tier: 'default',
    usage: { prompt_tokens: 1234, completion_tokens: 56789, total_tokens: 58023 },
    choices: [chatChoice()],
    ...overrides,
  }
}

export function chatChoice(overrides: Partial<ApiChatChoice> = {}): ApiChatChoice {
  return {
    index: 0,
    finish_reason: 'stop',
    message: { role: 'assistant', content: 'Hello! How can I help?' },
    ...overrides,
  }
}

/** A tool call in the OpenAI shape the docs lead us to expect. */
export function toolCall(name: string, args: string, id = 'call_1'): unknown {
  return { id, type: 'function', function: { name, arguments: args } }
}

export function parsedChat(body: ApiChatJob, requestedId = JOB_ID): ChatJob {
  return parseChatJob(body, JSON.stringify(body), requestedId)
}

export interface ApiSpeechJob {
  id: string
  status: string
  created?: string | number | null
  finished?: string | number | null
  model?: string | null
  results?: Array<{ url?: string | null }> | null
}

/** A completed speech job with two audio files, unless told otherwise. */
export function speechJob(overrides: Partial<ApiSpeechJob> = {}): ApiSpeechJob {
  return {
    id: JOB_ID,
    status: 'COMPLETED',
    created: CREATED_S,
    finished: FINISHED_S,
    model: 'Chatterbox',
    results: [
      { url: 'https://cdn.example.com/speech/1.wav' },
      { url: 'https://cdn.example.com/speech/2.wav' },
    ],
    ...overrides,
  }
}

export function parsedSpeech(body: ApiSpeechJob): SpeechJob {
  return parseSpeechJob(body, JSON.stringify(body))
}
