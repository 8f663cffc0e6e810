// The production build draws lucide-react's icons with build/lucide-icon.ts (vite.config.ts); the dev
// server and these tests use lucide's own runtime. Both must draw the same SVG: same attributes, same
// classes (pages and tests find icons by `lucide-<name>`), same shapes, `aria-hidden` by lucide's
// rule. Compared here icon by icon, for the ways the app draws them.
import { render } from '@testing-library/react'
import type { ComponentType } from 'react'
import { describe, expect, it } from 'vitest'
import createLightIcon from '../../build/lucide-icon.ts'

type IconProps = Record<string, unknown>
interface IconModule {
  readonly default: ComponentType<IconProps>
  readonly __iconData: Parameters<typeof createLightIcon>[0]
}

// Plain, one with former names (aliases), one with a rect, the status and kind icons.
const ICONS = [
  'search',
  'triangle-exclamation-point',
  'arrow-up-0-1',
  'circle-check',
  'loader-circle',
  'message-square-text',
  'audio-lines',
  'keyboard',
]

const PROPS: readonly IconProps[] = [
  { 'aria-hidden': 'true', className: 'size-4 shrink-0' },
  { className: 'size-5 text-zinc-500' },
  {},
  { role: 'img', 'aria-label': 'Done' },
  { size: 16, strokeWidth: 1.5, color: 'red', 'data-x': 'y' },
]

/** An element as a comparable value: its tag, its attributes sorted, its children the same way. */
function shape(element: Element): unknown {
  return {
    tag: element.tagName,
    attributes: [...element.attributes].map((a) => `${a.name}=${a.value}`).sort(),
    children: [...element.children].map(shape),
  }
}

function drawn(Icon: ComponentType<IconProps>, props: IconProps) {
  const { container, unmount } = render(<Icon {...props} />)
  const svg = container.querySelector('svg')
  if (svg === null) throw new Error('no <svg> drawn')
  const result = shape(svg)
  unmount()
  return result
}

describe("the build's light lucide icons", () => {
  it.each(ICONS)('draw %s as lucide-react does, whatever props the app passes', async (name) => {
    const lucide = (await import(
      /* @vite-ignore */ `lucide-react/dist/esm/icons/${name}.mjs`
    )) as IconModule
    const Light = createLightIcon(lucide.__iconData) as ComponentType<IconProps>
    for (const props of PROPS) expect(drawn(Light, props)).toEqual(drawn(lucide.default, props))
  })

  it('hides an unlabelled icon and leaves a labelled one to assistive technology', () => {
    const Light = createLightIcon({
      name: 'dot',
      node: [['circle', { cx: '12', cy: '12', r: '1' }]],
    })
    const { container } = render(
      <>
        <Light className="a" />
        <Light aria-label="Status" className="b" />
      </>,
    )
    expect(container.querySelector('svg.a')?.getAttribute('aria-hidden')).toBe('true')
    expect(container.querySelector('svg.b')?.hasAttribute('aria-hidden')).toBe(false)
  })
})
