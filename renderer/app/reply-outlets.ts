// Where the reply alerter's chime and notification go in this window: the Web Audio chime, and
// the browser's Notification API when the dispatcher allowed it (not in the Electron window,
// whose shell notifies by itself).
import type { MessageView } from '../../shared/protocol/index.js';
import { createReplyAlerter } from '../features/feed/reply-alerts.js';
import { chime } from '../ui/chime.js';
import { translator } from './i18n/index.js';
import { useAppStore } from './store.js';

export function inElectron(): boolean {
  return typeof window !== 'undefined' && 'switchboard' in window;
}

export function notificationsUsable(): boolean {
  return !inElectron() && typeof Notification !== 'undefined';
}

export function browserReplyAlerts(store = useAppStore): (created: readonly MessageView[]) => void {
  const alert = createReplyAlerter({
    chime,
    notify: (title, body) => {
      if (!notificationsUsable() || Notification.permission !== 'granted') return;
      const n = new Notification(title, { body, tag: 'switchboard-replies' });
      n.onclick = () => window.focus();
    },
    watching: () => document.visibilityState === 'visible' && document.hasFocus(),
    now: () => Date.now(),
  });
  return (created) => {
    const s = store.getState();
    if (s.session.phase !== 'signed-in') return;
    const t = translator(s.prefs.locale);
    alert(created, s.prefs.replyAlerts, s.board.byId, { title: (count) => t('alerts.newReplies', { count }) });
  };
}
