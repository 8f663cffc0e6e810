// lucide-react's icon runtime, as light as this app needs it. Every icon module of lucide-react
// (`icons/search.mjs`: the icon's name and its SVG shapes) builds its component with
// `createLucideIcon`; vite.config.ts points that import here. lucide's own carries ~1.5 KB gzip into
// the first load (a context for app-wide defaults, merging classes, scaling strokes, attribute name
// tables) and redoes that work for every icon on every render; the app uses none of it. This draws
// the same SVG — lucide's attributes and classes (`lucide lucide-search`), `aria-hidden` unless the
// icon is labelled — from shapes built once per icon. test/component/lucide-icon.test.tsx holds
// its output equal to lucide's own.
import { type ReactNode, type SVGProps, createElement } from 'react'

type Shape = readonly [tag: string, attributes: Readonly<Record<string, string>>]

interface IconData {
  readonly name: string
  /** Its viewBox's width and height: 24 for every icon so far. */
  readonly size?: number
  readonly node: readonly Shape[]
  /** Its former names: lucide gives it their classes too (`lucide-alert-triangle`). */
  readonly aliases?: readonly string[]
}

export type LucideProps = SVGProps<SVGSVGElement> & {
  readonly size?: number | string
  readonly children?: ReactNode
}

/** Is the icon labelled (then it is not hidden from assistive technology)? lucide's own rule. */
const labelled = (props: object) =>
  Object.entries(props).some(
    ([name, value]) =>
      (name.startsWith('aria-') || name === 'role' || name === 'title') && value != null,
  )

export default function createLucideIcon({ name, size: box = 24, node, aliases = [] }: IconData) {
  const shapes = node.map(([tag, attributes]) => createElement(tag, attributes))
  const classes = ['lucide', ...[name, ...aliases].map((each) => `lucide-${each}`)].join(' ')
  function LucideIcon({
    className,
    size = 24,
    color = 'currentColor',
    strokeWidth = 2,
    children,
    ...rest
  }: LucideProps) {
    return createElement(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        width: size,
        height: size,
        viewBox: `0 0 ${box} ${box}`,
        fill: 'none',
        stroke: color,
        strokeWidth,
        strokeLinecap: 'round',
        strokeLinejoin: 'round',
        className: className ? `${classes} ${className}` : classes,
        ...(labelled(rest) || Boolean(children) ? {} : { 'aria-hidden': 'true' }),
        ...rest,
      },
      ...shapes,
      children,
    )
  }
  LucideIcon.displayName = name.replace(/(^|-)(\w)/g, (_, __, letter: string) =>
    letter.toUpperCase(),
  )
  return LucideIcon
}
