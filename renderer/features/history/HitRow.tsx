// One search result: when, which way, who, status, the snippet with the hits marked, and links
// to the views it belongs to (the employee's conversation, the broadcast, each tag's stream).
import { memo } from 'react';
import type { MessageHit } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { useDateTime } from './format.js';
import { Highlighted } from './Highlighted.js';
import { historyTestIds as ids } from './testids.js';

export const HitRow = memo(function HitRow(props: { hit: MessageHit }) {
  const t = useT();
  const dateTime = useDateTime();
  const openView = useAppStore((s) => s.openHistoryView);
  const h = props.hit;
  const who = h.contactName ?? (h.direction === 'in' ? t('feed.unknownSender') : h.phone);
  return (
    <li className={`history-hit history-${h.direction}`} data-testid={ids.hit(h.id)} data-direction={h.direction} data-status={h.status}>
      <div className="history-hit-line">
        <time dateTime={new Date(h.createdAt).toISOString()} className="history-time">
          {dateTime(h.createdAt)}
        </time>
        <span className={`direction direction-${h.direction}`}>{t(h.direction === 'in' ? 'history.direction.in' : 'history.direction.out')}</span>
        {h.contactId !== null ? (
          <button
            type="button"
            className="link-button"
            onClick={() => openView({ kind: 'contact', contactId: h.contactId! })}
            aria-label={t('history.openConversation', { name: who })}
            data-testid={ids.hitContact(h.id)}
          >
            {who}
          </button>
        ) : (
          <span>{who}</span>
        )}
        <span className="muted">{h.phone}</span>
        <span className="spacer" />
        {h.broadcastId !== null ? (
          <button
            type="button"
            className="link-button"
            onClick={() => openView({ kind: 'broadcast', broadcastId: h.broadcastId! })}
            data-testid={ids.hitBroadcast(h.id)}
          >
            {t('feed.broadcast', { id: h.broadcastId })}
          </button>
        ) : null}
        <StatusBadge status={h.status} />
      </div>
      <Highlighted className="history-snippet" text={h.snippet} highlights={h.highlights} />
      {h.error ? <p className="history-error-text">{h.error}</p> : null}
      {h.tags.length > 0 ? (
        <div className="history-tags">
          {h.tags.map((tag) => (
            <button
              key={tag}
              type="button"
              className="button small ghost"
              onClick={() => openView({ kind: 'tag', tag })}
              aria-label={t('history.openTag', { tag })}
              data-testid={ids.hitTag(h.id, tag)}
            >
              #{tag}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
});
