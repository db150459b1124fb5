// One feed line at a fixed height (no layout shift as items stream in): time, who, status (on a
// reply: the broadcast it counts for) on the first line, the text on the second. Replies stand out; outgoing rows are quieter.
import { memo } from 'react';
import { useAppStore } from '../../app/store.js';
import { useT, useTimeFormat } from '../../app/i18n/index.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { COMPOSE_TEXT_ID } from '../compose/testids.js';
import { OrderLink } from '../orders/OrderLink.js';
import { orderCodeIn } from '../orders/slice.js';
import { ContactHistoryLink } from '../history/HistoryLinks.js';
import { useMessage } from './selectors.js';
import { feedTestIds } from './testids.js';
import { ReplyLink } from './ReplyLink.js';

export const FEED_ROW_HEIGHT = 60;

/**
 * A fresh compose to the sender alone (the draft being written waits aside), cursor in the text.
 * Never added to the picked groups: a reply to one engineer must not go to the whole brigade.
 */
function useReplyTo(): (phone: string, name: string | null) => void {
  const startReply = useAppStore((s) => s.startReply);
  return (phone, name) => {
    startReply(phone, name);
    document.getElementById(COMPOSE_TEXT_ID)?.focus();
  };
}

export const FeedRow = memo(function FeedRow(props: { id: number; top: number; index: number; count: number }) {
  const t = useT();
  const time = useTimeFormat();
  const m = useMessage(props.id);
  const replyTo = useReplyTo();
  const unread = useAppStore((s) => props.id > s.feed.markFrom);
  const boardCode = useAppStore((s) => (m?.broadcastId != null ? s.board.byId[m.broadcastId]?.code : null));
  if (!m) return null;
  const marked = unread && m.direction === 'in';
  const who = m.contactName ?? (m.direction === 'in' ? t('feed.unknownSender') : m.phone);
  return (
    <li
      className={`feed-row feed-${m.direction} ${m.status === 'failed' ? 'feed-failed' : ''} ${marked ? 'feed-unread' : ''}`}
      style={{ transform: `translateY(${props.top}px)`, height: FEED_ROW_HEIGHT }}
      data-testid={feedTestIds.item(m.id)}
      data-direction={m.direction}
      data-status={m.status}
      data-broadcast-id={m.broadcastId ?? ''}
      data-unread={marked}
      aria-setsize={props.count}
      aria-posinset={props.index + 1}
    >
      <div className="feed-line">
        <time dateTime={new Date(m.createdAt).toISOString()} className="feed-time">
          {time(m.createdAt)}
        </time>
        {marked ? <span className="unread-dot" title={t('feed.new')} aria-label={t('feed.new')} role="img" /> : null}
        {m.direction === 'in' ? (
          <span className="direction direction-in">{t('feed.in')}</span>
        ) : (
          // Outgoing rows are the many quiet ones: an arrow, with the word for screen readers.
          <span className="direction direction-out" title={t('feed.out')}>
            <span aria-hidden="true">→</span>
            <span className="visually-hidden">{t('feed.out')}</span>
          </span>
        )}
        <span className="feed-who" title={m.phone}>
          {who}
        </span>
        {m.contactName ? <span className="feed-phone muted">{m.phone}</span> : null}
        <span className="spacer" />
        {/* A reply's first line ends with what it was counted for ("received" is every reply's
            status and would only take the room its text needs on the second line). */}
        {m.direction === 'in' ? <ReplyLink m={m} /> : null}
        {m.direction === 'in' && m.status === 'received' ? null : <StatusBadge status={m.status} testId={feedTestIds.itemStatus(m.id)} />}
      </div>
      <div className="feed-line">
        <p className="feed-text" title={m.error ? `${m.text}\n${m.error}` : m.text}>
          {m.text}
          {m.error ? <span className="feed-error"> — {m.error}</span> : null}
        </p>
        {m.direction === 'in' ? null : m.broadcastId !== null ? (
          <span className="muted feed-broadcast">{t('feed.broadcast', { id: m.broadcastId })}</span>
        ) : null}
        {boardCode ?? orderCodeIn(m.text) ? <OrderLink code={(boardCode ?? orderCodeIn(m.text))!} /> : null}
        {m.direction === 'in' ? (
          <button
            type="button"
            className="button small feed-reply"
            onClick={() => replyTo(m.phone, m.contactName)}
            aria-label={t('feed.replyTo', { name: who })}
            data-testid={feedTestIds.reply(m.id)}
          >
            {t('feed.reply')}
          </button>
        ) : null}
        <ContactHistoryLink contactId={m.contactId} name={who} messageId={m.id} />
      </div>
    </li>
  );
});
