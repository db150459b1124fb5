// A native notification for each new reply, so a dispatcher working in another program sees it.

import { Notification } from 'electron';
import type { MessageView } from '../../shared/protocol/index.js';

/** Long replies are cut: notification centres show a few lines at most. */
const MAX_BODY = 200;

export interface ReplyNotifierOptions {
  /** True while the operator is looking at the control room; its live feed already shows the reply. */
  isWindowFocused(): boolean;
  /** Brings the window to the front (clicking a notification). */
  focusWindow(): void;
}

export type ReplyNotifier = (message: MessageView) => void;

export function createReplyNotifier(options: ReplyNotifierOptions): ReplyNotifier {
  // Only the newest reply stays on screen: a broadcast to hundreds brings hundreds of replies in
  // a minute, and a stack of hundreds of toasts helps nobody. Holding the reference also keeps
  // the notification from being garbage-collected, which would silently drop its click handler.
  let current: Notification | null = null;
  return (message) => {
    if (message.direction !== 'in') return;
    if (!Notification.isSupported() || options.isWindowFocused()) return;
    current?.close();
    const notification = new Notification({
      title: message.contactName ?? message.phone,
      body: message.text.length > MAX_BODY ? `${message.text.slice(0, MAX_BODY - 1)}…` : message.text,
    });
    notification.on('click', () => options.focusWindow());
    notification.on('close', () => {
      if (current === notification) current = null;
    });
    current = notification;
    notification.show();
  };
}
