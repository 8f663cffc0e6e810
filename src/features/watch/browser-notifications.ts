// The browser's Notification API, which may be missing (older browsers, some phones), unusable
// (insecure origin), or refused by the person. Nothing here throws; the caller falls back to in-app
// signals whenever `showSystemNotification` returns false.

/** `insecure`: the API exists but the page is not a secure context (plain http), so it cannot work. */
export type NotificationSupport = 'granted' | 'denied' | 'default' | 'unsupported' | 'insecure'

export function notificationSupport(): NotificationSupport {
  if (typeof window === 'undefined' || typeof window.Notification !== 'function') {
    return 'unsupported'
  }
  if (!window.isSecureContext) return 'insecure'
  const { permission } = window.Notification
  return permission === 'granted' || permission === 'denied' ? permission : 'default'
}

/**
 * Asks for permission when it has not been given or refused yet. Call it only from a click: a
 * prompt on load is noise, and browsers ignore or penalise it.
 */
export async function askNotificationPermission(): Promise<NotificationSupport> {
  if (notificationSupport() !== 'default') return notificationSupport()
  try {
    await new Promise<void>((resolve) => {
      // Older Safari takes a callback and returns undefined; the others return a promise.
      const answer = window.Notification.requestPermission(() => resolve()) as
        Promise<NotificationPermission> | undefined
      if (answer !== undefined)
        void answer.then(
          () => resolve(),
          () => resolve(),
        )
    })
  } catch {
    // a browser that refuses the call outright: the answer is whatever permission says now
  }
  return notificationSupport()
}

export interface SystemNotification {
  readonly title: string
  readonly body: string
  /** Notifications with the same tag replace each other (several tabs watching one job). */
  readonly tag: string
  readonly icon?: string
  readonly onClick: () => void
}

/** Shows a system notification if allowed; false when it could not be shown. */
export function showSystemNotification({
  title,
  body,
  tag,
  icon,
  onClick,
}: SystemNotification): boolean {
  if (notificationSupport() !== 'granted') return false
  try {
    const notification = new window.Notification(title, {
      body,
      tag,
      ...(icon === undefined ? {} : { icon }),
    })
    notification.onclick = (event) => {
      event.preventDefault()
      window.focus()
      onClick()
      notification.close()
    }
    return true
  } catch {
    // Chrome on Android has the constructor but throws (it wants a service worker).
    return false
  }
}
