// Copy text for pasting into a ticket. The async Clipboard API needs a secure context (https or
// localhost); plain-http deployments fall back to a hidden textarea and execCommand.

export async function copyText(text: string): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // permission denied or document not focused: try the fallback
    }
  }
  return copyWithTextarea(text)
}

function copyWithTextarea(text: string): boolean {
  const textarea = document.createElement('textarea')
  textarea.value = text
  textarea.setAttribute('readonly', '')
  textarea.style.position = 'fixed'
  textarea.style.opacity = '0'
  document.body.append(textarea)
  textarea.select()
  try {
    // Deprecated but still the only synchronous fallback outside secure contexts.
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    textarea.remove()
  }
}
