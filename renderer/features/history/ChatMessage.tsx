// One message in a conversation-like view: outgoing on one side, replies on the other, the way
// a phone shows a thread, so "who was told what, and what did they answer" reads at a glance.
import type { MessageHit } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { useDateTime } from './format.js';
import { historyTestIds as ids } from './testids.js';

export function ChatMessage(props: { message: MessageHit; showWho: boolean }) {
  const t = useT();
  const dateTime = useDateTime();
  const openView = useAppStore((s) => s.openHistoryView);
  const m = props.message;
  const who = m.contactName ?? m.phone;
  return (
    <li className={`history-bubble history-bubble-${m.direction}`} data-testid={ids.viewMessage(m.id)} data-direction={m.direction}>
      <div className="history-bubble-meta">
        <span className="visually-hidden">{t(m.direction === 'in' ? 'history.direction.in' : 'history.direction.out')}</span>
        {props.showWho ? (
          m.contactId !== null ? (
            <button type="button" className="link-button" onClick={() => openView({ kind: 'contact', contactId: m.contactId! })}>
              {who}
            </button>
          ) : (
            <span>{who}</span>
          )
        ) : null}
        <time dateTime={new Date(m.createdAt).toISOString()}>{dateTime(m.createdAt)}</time>
        {m.broadcastId !== null ? (
          <button type="button" className="link-button" onClick={() => openView({ kind: 'broadcast', broadcastId: m.broadcastId! })}>
            {t('feed.broadcast', { id: m.broadcastId })}
          </button>
        ) : null}
      </div>
      <p className="history-bubble-text">{m.text}</p>
      <div className="history-bubble-meta">
        <StatusBadge status={m.status} />
        {m.deliveredAt !== null ? <span>{t('history.deliveredAt', { at: dateTime(m.deliveredAt) })}</span> : null}
        {m.error ? <span className="history-error-text">{m.error}</span> : null}
        {m.tags.map((tag) => (
          <button key={tag} type="button" className="link-button" onClick={() => openView({ kind: 'tag', tag })}>
            #{tag}
          </button>
        ))}
      </div>
    </li>
  );
}
