// A stand-in for the browser's Notification API in jsdom (which has none): it records what the app
// shows and how often it asked for permission, and answers the permission prompt as told.
import { pretendSecureContext } from './downloads.ts'

export interface ShownNotification {
  readonly title: string
  readonly body: string
  readonly tag: string
  /** What the app set as the click handler; call it to "click" the notification. */
  click(): void
}

export interface NotificationStub {
  readonly shown: ShownNotification[]
  /** How many times the app called Notification.requestPermission. */
  readonly asks: number
  restore(): void
}

export interface NotificationStubOptions {
  /** Permission before any prompt. */
  readonly permission?: NotificationPermission
  /** What the person answers when asked. */
  readonly answer?: NotificationPermission
  /** Leave window.isSecureContext as jsdom has it (false: an insecure origin). */
  readonly insecure?: boolean
}

export function stubNotifications({
  permission = 'default',
  answer = 'granted',
  insecure = false,
}: NotificationStubOptions = {}): NotificationStub {
  const shown: ShownNotification[] = []
  let asks = 0
  class StubNotification {
    static permission: NotificationPermission = permission
    static requestPermission(): Promise<NotificationPermission> {
      asks += 1
      StubNotification.permission = answer
      return Promise.resolve(answer)
    }
    onclick: ((event: Event) => void) | null = null
    constructor(title: string, options?: NotificationOptions) {
      shown.push({
        title,
        body: options?.body ?? '',
        tag: options?.tag ?? '',
        click: () => this.onclick?.(new Event('click', { cancelable: true })),
      })
    }
    close(): void {}
  }
  const original = Object.getOwnPropertyDescriptor(window, 'Notification')
  Object.defineProperty(window, 'Notification', { value: StubNotification, configurable: true })
  const restoreSecure = insecure ? () => {} : pretendSecureContext()
  return {
    shown,
    get asks() {
      return asks
    },
    restore() {
      restoreSecure()
      if (original) Object.defineProperty(window, 'Notification', original)
      else Reflect.deleteProperty(window, 'Notification')
    },
  }
}

/** No Notification API at all, as in an older browser. */
export function removeNotificationApi(): () => void {
  const original = Object.getOwnPropertyDescriptor(window, 'Notification')
  Reflect.deleteProperty(window, 'Notification')
  const restoreSecure = pretendSecureContext()
  return () => {
    restoreSecure()
    if (original) Object.defineProperty(window, 'Notification', original)
  }
}
