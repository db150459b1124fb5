// Small ways into the history from other panels: the board links a broadcast's full report, the
// feed an employee's whole conversation. Self-contained so the board and the feed mount them
// with one line each.
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { historyTestIds as ids } from './testids.js';

export function BroadcastHistoryLink(props: { broadcastId: number }) {
  const t = useT();
  const open = useAppStore((s) => s.openHistoryView);
  return (
    <button
      type="button"
      className="button small ghost"
      onClick={() => open({ kind: 'broadcast', broadcastId: props.broadcastId })}
      aria-label={t('history.link.broadcastLabel', { id: props.broadcastId })}
      data-testid={ids.broadcastLink(props.broadcastId)}
    >
      {t('history.link.broadcast')}
    </button>
  );
}

export function ContactHistoryLink(props: { contactId: number | null; name: string; messageId: number }) {
  const t = useT();
  const open = useAppStore((s) => s.openHistoryView);
  if (props.contactId === null) return null;
  const contactId = props.contactId;
  return (
    <button
      type="button"
      className="button small ghost"
      onClick={() => open({ kind: 'contact', contactId })}
      aria-label={t('history.openConversation', { name: props.name })}
      data-testid={ids.contactLink(props.messageId)}
    >
      {t('history.link.contact')}
    </button>
  );
}
