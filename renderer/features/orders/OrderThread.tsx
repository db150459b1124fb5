// An order's thread: its broadcast(s) and every message in and out, in time order, with each
// message's status, including replies quoting the number from phones the order never went to.
// Fetched with `order.timeline` when opened and again (debounced) whenever one of its
// broadcasts moves on the board: a delivery, a reply.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BroadcastSummary, MessageView, OrderTimeline } from '../../../shared/protocol/index.js';
import { useT, useTimeFormat } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { Modal } from '../../ui/Modal.js';
import { ordersTestIds as ids } from './testids.js';
import './orders.css';

export const REFRESH_MS = 300;

type Entry = { at: number; broadcast: BroadcastSummary } | { at: number; message: MessageView };

/** Broadcasts and messages on one time line; a broadcast heads the messages it sent. */
export function timelineEntries(timeline: OrderTimeline): Entry[] {
  const entries: Entry[] = [
    ...timeline.broadcasts.map((b) => ({ at: b.createdAt, broadcast: b })),
    ...timeline.messages.map((m) => ({ at: m.createdAt, message: m })),
  ];
  return entries.sort((a, b) => a.at - b.at || ('broadcast' in a ? -1 : 0) - ('broadcast' in b ? -1 : 0));
}

function Thread(props: { code: string }) {
  const t = useT();
  const time = useTimeFormat();
  const station = useStation();
  const [timeline, setTimeline] = useState<OrderTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const broadcastIds = timeline?.broadcasts.map((b) => b.id) ?? [];
  // Changes when any of the order's broadcasts changes on the board (progress, replies).
  const pulse = useAppStore((s) => broadcastIds.map((id) => JSON.stringify(s.board.byId[id]?.counts ?? null)).join('|'));
  const onBoard = useAppStore(useShallow((s) => s.board.order.filter((id) => s.board.byId[id]?.code === props.code)));
  const generation = useRef(0);

  useEffect(() => {
    if (!station.request) return;
    const mine = ++generation.current;
    const timer = setTimeout(
      () => {
        station.request!('order.timeline', { code: props.code }).then(
          (r) => {
            if (mine === generation.current) {
              setTimeline(r);
              setError(null);
            }
          },
          (e: unknown) => {
            if (mine === generation.current) setError(messageOf(e));
          },
        );
      },
      timeline === null ? 0 : REFRESH_MS,
    );
    return () => clearTimeout(timer);
    // `timeline` is read only so the first fetch goes at once; it must not re-trigger the fetch.
  }, [station, props.code, pulse, onBoard.join(',')]);

  const entries = useMemo(() => (timeline ? timelineEntries(timeline) : []), [timeline]);
  // Who was sent the order itself (not a later note quoting its number): a reply from anyone
  // else is marked, so the dispatcher sees help coming from outside the crew.
  const recipients = useMemo(() => {
    if (!timeline) return new Set<string>();
    const orders = new Set(timeline.broadcasts.filter((b) => b.kind === 'order').map((b) => b.id));
    const sentTo = timeline.messages.filter((m) => m.direction === 'out' && (orders.size === 0 || (m.broadcastId !== null && orders.has(m.broadcastId))));
    return new Set(sentTo.map((m) => m.phone));
  }, [timeline]);
  const broadcastText = useMemo(() => new Map(timeline?.broadcasts.map((b) => [b.id, b.text]) ?? []), [timeline]);
  if (error) {
    return (
      <p className="form-error" role="alert" data-testid={ids.error}>
        {t('orders.failed', { message: error })}
      </p>
    );
  }
  if (!timeline) return <p className="hint">{t('orders.loading')}</p>;
  const replies = timeline.messages.filter((m) => m.direction === 'in').length;
  return (
    <div className="order-thread" data-testid={ids.thread} data-code={timeline.code} data-messages={timeline.messages.length} data-broadcasts={timeline.broadcasts.length} data-replies={replies}>
      <p className="muted" role="status">
        {t('orders.summary', { count: timeline.messages.length })} · {t('orders.replies', { count: replies })}
      </p>
      {entries.length === 0 ? <p className="empty">{t('orders.empty')}</p> : null}
      <ol className="order-timeline" aria-label={t('orders.timeline')} tabIndex={0}>
        {entries.map((e) =>
          'broadcast' in e ? (
            <li key={`b${e.broadcast.id}`} className="order-broadcast" data-testid={ids.broadcast(e.broadcast.id)}>
              <time dateTime={new Date(e.at).toISOString()}>{time(e.at)}</time>
              <div>
                <span className="muted">{t('orders.broadcast', { id: e.broadcast.id, author: e.broadcast.authorName ?? t('board.system'), total: e.broadcast.total })}</span>
                <p>{e.broadcast.text}</p>
              </div>
            </li>
          ) : (
            <li
              key={`m${e.message.id}`}
              className={`order-message order-${e.message.direction}`}
              data-testid={ids.message(e.message.id)}
              data-direction={e.message.direction}
              data-status={e.message.status}
              data-phone={e.message.phone}
            >
              <time dateTime={new Date(e.at).toISOString()}>{time(e.at)}</time>
              <span className="order-arrow" aria-hidden="true">
                {e.message.direction === 'in' ? '←' : '→'}
              </span>
              <span className="order-who" title={e.message.phone}>
                {e.message.contactName ?? e.message.phone}
                {e.message.direction === 'in' && !recipients.has(e.message.phone) ? <span className="order-stranger"> ({t('orders.notRecipient')})</span> : null}
              </span>
              {/* An outgoing copy of the broadcast's text is said once, in its header line. */}
              <span className="order-text">
                {e.message.direction === 'out' && e.message.broadcastId !== null && broadcastText.get(e.message.broadcastId) === e.message.text ? '' : e.message.text}
              </span>
              <StatusBadge status={e.message.status} />
            </li>
          ),
        )}
      </ol>
    </div>
  );
}

/** Mounted once in the shell; shows the open order's thread as a dialog. */
export function OrderThread() {
  const t = useT();
  const { code, close } = useAppStore(useShallow((s) => ({ code: s.orders.open, close: s.closeOrder })));
  if (code === null) return null;
  return (
    <Modal title={t('orders.title', { code })} testId={`${ids.thread}-dialog`} onClose={close}>
      <Thread code={code} />
      <div className="modal-actions">
        <button type="button" className="button" onClick={close} data-testid={ids.close}>
          {t('orders.close')}
        </button>
      </div>
    </Modal>
  );
}
