// Sound and notification for replies, as the desk's settings ask: off, replies to alerts (a
// confirmation request) only, or every reply. At 100 replies a second the room hears one chime
// every few seconds and the screen shows one notification naming how many came, never a flood.
// In the Electron window the shell already shows an OS notification per reply
// (main/electron/notifications.ts), so the page only chimes there.
import type { BroadcastSummary, MessageView } from '../../../shared/protocol/index.js';
import type { ReplyAlerts, ReplyScope } from '../../app/prefs-slice.js';

const SOUND_GAP_MS = 3000;
const NOTIFY_GAP_MS = 5000;

export interface AlertOutlets {
  chime(): void;
  notify(title: string, body: string): void;
  /** The window is in front and visible: the feed itself is enough, no notification. */
  watching(): boolean;
  now(): number;
}

export function isAlert(b: BroadcastSummary | undefined): boolean {
  return b?.kind === 'confirm';
}

function wants(scope: ReplyScope, toAlert: boolean): boolean {
  return scope === 'all' || (scope === 'alerts' && toAlert);
}

export function createReplyAlerter(outlets: AlertOutlets) {
  let lastSound = -Infinity;
  let lastNotify = -Infinity;
  return (
    created: readonly MessageView[],
    prefs: ReplyAlerts,
    broadcasts: Record<number, BroadcastSummary>,
    text: { title(count: number): string },
  ): void => {
    const replies = created.filter((m) => m.direction === 'in');
    if (replies.length === 0) return;
    const toAlert = (m: MessageView) => m.broadcastId !== null && isAlert(broadcasts[m.broadcastId]);
    const now = outlets.now();
    const soundFor = replies.filter((m) => wants(prefs.sound, toAlert(m)));
    if (soundFor.length > 0 && now - lastSound >= SOUND_GAP_MS) {
      lastSound = now;
      outlets.chime();
    }
    const notifyFor = replies.filter((m) => wants(prefs.notify, toAlert(m)));
    if (notifyFor.length > 0 && !outlets.watching() && now - lastNotify >= NOTIFY_GAP_MS) {
      lastNotify = now;
      const last = notifyFor[notifyFor.length - 1]!;
      outlets.notify(text.title(notifyFor.length), `${last.contactName ?? last.phone}: ${last.text}`.slice(0, 200));
    }
  };
}
