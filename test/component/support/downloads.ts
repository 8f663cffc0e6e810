// Catches the files the app offers for download (a Blob URL on an <a download> that is clicked), so a
// test can read them. jsdom cannot navigate, so the click is cancelled once it has been seen.
import { vi } from 'vitest'

export interface CapturedDownload {
  /** The `download` attribute: the file name offered. */
  readonly name: string
  readonly blob: Blob
}

export interface DownloadCapture {
  /** Files offered so far, in order. */
  readonly downloads: CapturedDownload[]
  /** Puts URL.createObjectURL/revokeObjectURL back and stops listening for clicks. */
  stop(): void
}

export function captureDownloads(): DownloadCapture {
  const blobs = new Map<string, Blob>()
  const downloads: CapturedDownload[] = []
  const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
    if (!(object instanceof Blob)) throw new TypeError('createObjectURL expects a Blob here')
    const url = `blob:http://localhost:3000/download-${blobs.size + 1}`
    blobs.set(url, object)
    return url
  })
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})

  const onClick = (event: MouseEvent) => {
    const link = event.target
    if (!(link instanceof HTMLAnchorElement) || !link.hasAttribute('download')) return
    event.preventDefault()
    const blob = blobs.get(link.href)
    if (blob === undefined) throw new Error(`a download link to an unknown URL: ${link.href}`)
    downloads.push({ name: link.download, blob })
  }
  document.addEventListener('click', onClick)

  return {
    downloads,
    stop() {
      document.removeEventListener('click', onClick)
      create.mockRestore()
      revoke.mockRestore()
    },
  }
}

/** Marks jsdom as a secure context so the app copies through the Clipboard API (user-event's stub). */
export function pretendSecureContext(): () => void {
  const original = Object.getOwnPropertyDescriptor(window, 'isSecureContext')
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
  return () => {
    if (original) Object.defineProperty(window, 'isSecureContext', original)
    else Reflect.deleteProperty(window, 'isSecureContext')
  }
}
