import { Component, type ErrorInfo, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  children: ReactNode
  /** Changing this (e.g. the URL) clears a caught error, so navigation recovers the app. */
  resetKey: string
}

interface ErrorBoundaryState {
  error: Error | null
}

/** Last line of defence: a rendering bug shows a message and a way out instead of a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null }

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error }
  }

  override componentDidUpdate(previous: ErrorBoundaryProps) {
    if (previous.resetKey !== this.props.resetKey && this.state.error)
      this.setState({ error: null })
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Jobscope crashed while rendering', error, info.componentStack)
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="card p-4">
          <p className="font-semibold">Something went wrong while showing this page.</p>
          <p className="mt-1 text-sm break-words">{this.state.error.message}</p>
          <a className="link mt-2 inline-block" href="/">
            Back to the start
          </a>
        </div>
      )
    }
    return this.props.children
  }
}
