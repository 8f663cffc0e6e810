// Every job kind in the real app, through the dev proxy, against a stub API that serves all three
// result endpoints and counts what each one was asked.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './support/app-server.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { type StubUpstream, json, startStubUpstream } from './support/stub-upstream.ts'

const API_KEY = 'dist-kinds-key-3b9d1f'
const CHAT = 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b'
const CHAT_LINKED = 'c2b3c4d5-e6f7-4a81-9b0c-1d2e3f4a5b6c'
const SPEECH = '5e1f2a3b-4c5d-4e6f-a7b8-c9d0e1f2a3b4'

const STATUSES = ['CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED']

function chatAnswer(status: string) {
  const done = status === 'COMPLETED'
  return json(200, {
    status,
    created: 1747465200,
    ...(done ? { finished: 1747465212 } : {}),
    model: 'Llama-3.1-8B-Instruct',
    service_tier: 'default',
    ...(done
      ? {
          usage: { prompt_tokens: 1200, completion_tokens: 345, total_tokens: 1545 },
          choices: [
            {
              index: 0,
              finish_reason: 'tool_calls',
              message: {
                role: 'assistant',
                content: 'Thanks for waiting.\nYour parcel left the depot today.\n<b>not bold</b>',
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function',
                    function: {
                      name: 'track_parcel',
                      arguments: '{"parcel":"DE-42","notify":true}',
                    },
                  },
                ],
              },
            },
          ],
        }
      : { choices: [] }),
  })
}

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  upstream = await startStubUpstream()
  for (const id of [CHAT, CHAT_LINKED]) {
    upstream.script(
      id,
      (n) => chatAnswer(STATUSES[Math.min(n, STATUSES.length - 1)] ?? 'COMPLETED'),
      'chat',
    )
  }
  upstream.script(
    SPEECH,
    () =>
      json(200, {
        id: SPEECH,
        status: 'COMPLETED',
        created: 1747465200000,
        finished: 1747465206000,
        model: 'Chatterbox',
        results: [{ url: upstream.audioUrl('hello') }, { url: upstream.audioUrl('expired-1') }],
      }),
    'speech',
  )
  browser = await launchChromium()
  app = await startApp({ DISTRIBUTE_API_KEY: API_KEY, DISTRIBUTE_API_URL: upstream.url })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await upstream?.close()
})

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await page.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

const statusText = () => page.locator('[aria-live="polite"]').first().textContent()

/** Until the final status is shown and the kind's results view (a lazy chunk) has replaced its placeholder. */
async function waitForFinalResults() {
  await expect.poll(statusText, { timeout: 20_000 }).toMatch(/COMPLETED/)
  await expect.poll(() => page.getByText('Loading the results view…').count()).toBe(0)
}
const counts = (id: string) =>
  (['images', 'chat', 'speech'] as const).map((kind) => upstream.lookups(id, kind).length)

describe('job kinds in the browser', () => {
  it('finds a bare chat id with at most one request to each other endpoint, then polls only chat', async () => {
    await page.goto(`${app.url}/jobs/${CHAT}`)
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/COMPLETED/)
    expect(await statusText()).toMatch(/Chat/)
    expect(page.url()).toBe(`${app.url}/jobs/${CHAT}?kind=chat`)

    const [images, chat, speech] = counts(CHAT)
    expect(images).toBeLessThanOrEqual(1)
    expect(speech).toBeLessThanOrEqual(1)
    expect(chat).toBe(STATUSES.length)
    for (const request of upstream.lookups(CHAT)) {
      expect(request.headers.authorization).toBe(API_KEY)
    }

    // The transcript (a lazy chunk): line breaks kept, markup as text, the tool call pretty-printed.
    const results = page.getByRole('region', { name: /^Results/ })
    await expect.poll(() => results.getByText('Your parcel left the depot today.').count()).toBe(1)
    expect(await page.locator('main b').count()).toBe(0)
    const transcript = (await results.textContent()) ?? ''
    expect(transcript).toContain('track_parcel')
    expect(transcript).toContain('"parcel": "DE-42"')
    expect(transcript).toContain('tool_calls')
    expect(await page.getByRole('main').textContent()).toContain('1,545')

    // Terminal: no request after COMPLETED.
    const before = upstream.requests.length
    await page.waitForTimeout(2_500)
    expect(upstream.requests.length).toBe(before)
    await page.screenshot({ path: '.tmp/screenshots/kinds-chat.png', fullPage: true })
  })

  it('asks only the chat endpoint for a ?kind=chat link', async () => {
    await page.goto(`${app.url}/jobs/${CHAT_LINKED}?kind=chat`)
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/COMPLETED/)
    expect(counts(CHAT_LINKED)).toEqual([0, STATUSES.length, 0])
  })

  it('plays speech results in the native player, and says when a link has expired', async () => {
    await page.goto(`${app.url}/jobs/${SPEECH}`)
    await expect.poll(statusText, { timeout: 20_000 }).toMatch(/COMPLETED/)
    expect(await statusText()).toMatch(/Speech/)
    await expect.poll(() => page.getByText('Loading the results view…').count()).toBe(0)
    // The expired file says so in words instead of a dead player; the good one plays.
    await expect
      .poll(() => page.getByRole('main').textContent(), { timeout: 10_000 })
      .toMatch(/Audio 2 of 2\s*audio unavailable — the link may have expired/)
    const players = page.locator('main audio')
    expect(await players.count()).toBe(1)
    expect(await players.first().getAttribute('aria-label')).toBe('Audio 1 of 2')
    expect(await players.first().getAttribute('preload')).toBe('metadata')
    expect(await players.first().getAttribute('controls')).not.toBeNull()
    // Its duration is read from the file's metadata.
    await expect
      .poll(() => players.first().evaluate((audio: HTMLAudioElement) => audio.duration))
      .toBeGreaterThan(1)
    await expect.poll(() => page.getByRole('main').textContent()).toMatch(/Duration\s*1\.6 s/)
    await page.screenshot({ path: '.tmp/screenshots/kinds-speech.png', fullPage: true })
  })

  it('has no serious accessibility violations on chat and speech pages, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      for (const path of [`/jobs/${CHAT}?kind=chat`, `/jobs/${SPEECH}?kind=speech`]) {
        await page.goto(`${app.url}${path}`)
        await waitForFinalResults()
        expect(await seriousAxeViolations(page), `${path}, ${colorScheme}`).toEqual([])
      }
    }
  })

  it('fits a phone screen without sideways scrolling on chat and speech pages', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    for (const [name, path] of [
      ['chat', `/jobs/${CHAT}?kind=chat`],
      ['speech', `/jobs/${SPEECH}?kind=speech`],
    ] as const) {
      await page.goto(`${app.url}${path}`)
      await waitForFinalResults()
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      expect(overflow, name).toBeLessThanOrEqual(0)
      await page.screenshot({ path: `.tmp/screenshots/kinds-${name}-phone.png`, fullPage: true })
    }
  })
})
