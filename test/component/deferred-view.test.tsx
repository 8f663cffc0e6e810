// A view whose code comes later (a kind's results view) shows a line in its place and then the view,
// without suspending — React.lazy would, and React holds a suspended view back ≥ 300 ms — and once
// its code is in, it renders at once. If its code cannot be loaded, it says so in its place.
import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deferredView } from '../../src/components/deferred-view.tsx'

function Greeting({ name }: { name: string }) {
  return <p>Hello, {name}</p>
}

/** A view whose chunk arrives when the test says. */
function controlledView() {
  let arrive: () => void = () => {}
  let fail: (error: Error) => void = () => {}
  const load = vi.fn(
    () =>
      new Promise<{ default: typeof Greeting }>((resolve, reject) => {
        arrive = () => resolve({ default: Greeting })
        fail = reject
      }),
  )
  const view = deferredView(load, { pending: <p>Pending…</p>, failed: <p role="alert">Failed</p> })
  return { view, load, arrive: () => arrive(), fail: (error: Error) => fail(error) }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('deferredView', () => {
  it('shows its pending line, not a Suspense fallback, then the view when the code arrives', async () => {
    const { view, load, arrive } = controlledView()
    // No <Suspense> around it: a suspending component would leave nothing on screen here.
    render(<view.View name="Ada" />)
    expect(screen.getByText('Pending…')).toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(1)
    await act(async () => {
      arrive()
      await view.load()
    })
    expect(screen.getByText('Hello, Ada')).toBeInTheDocument()
    expect(screen.queryByText('Pending…')).not.toBeInTheDocument()
  })

  it('renders the view in its first render once `load` has brought the code', async () => {
    const { view, load, arrive } = controlledView()
    const loading = view.load()
    arrive()
    await loading
    render(<view.View name="Grace" />)
    expect(screen.getByText('Hello, Grace')).toBeInTheDocument()
    expect(screen.queryByText('Pending…')).not.toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('loads its code once for every place that shows it', async () => {
    const { view, load, arrive } = controlledView()
    render(
      <>
        <view.View name="one" />
        <view.View name="two" />
      </>,
    )
    await act(async () => {
      arrive()
      await view.load()
    })
    expect(screen.getByText('Hello, one')).toBeInTheDocument()
    expect(screen.getByText('Hello, two')).toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('says so in its place, with a warning, when the code cannot be loaded', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { view, fail } = controlledView()
    render(<view.View name="Ada" />)
    await act(async () => {
      fail(new TypeError('Failed to fetch dynamically imported module'))
      await view.load()
    })
    expect(screen.getByRole('alert')).toHaveTextContent('Failed')
    expect(screen.queryByText('Pending…')).not.toBeInTheDocument()
    expect(warn).toHaveBeenCalledWith('A view could not be loaded:', expect.any(TypeError))
  })
})
