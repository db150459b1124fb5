// A broadcast as the after-outage report needs it: what was sent, by whom and when, then every
// recipient with their status, times, error and reply. Statuses change while it is open, so it
// can be refreshed; replies no recipient could be tied to are listed apart.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BroadcastDetail, MessageStatus } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { LaunchLine } from '../plans/LaunchLine.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { ChatMessage } from './ChatMessage.js';
import { useDateTime } from './format.js';
import { historyTestIds as ids } from './testids.js';

function countByStatus(detail: BroadcastDetail): [MessageStatus, number][] {
  const counts = new Map<MessageStatus, number>();
  for (const r of detail.recipients) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts.entries()];
}

export function BroadcastView(props: { broadcastId: number; head(title: string): ReactNode }) {
  const t = useT();
  const station = useStation();
  const dateTime = useDateTime();
  const openView = useAppStore((s) => s.openHistoryView);
  const [detail, setDetail] = useState<BroadcastDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setDetail(await station.request!('history.broadcast', { broadcastId: props.broadcastId }));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [station, props.broadcastId]);
  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);
  // While the broadcast is still on the board, its counts move with every report and reply:
  // fetch the detail again, at most once a second, so the report is live without polling.
  const live = useAppStore((s) => {
    const b = s.board.byId[props.broadcastId];
    return b ? Object.values(b.counts).join(',') : '';
  });
  const first = useRef(true);
  const lastLoad = useRef(0);
  useEffect(() => {
    if (first.current || live === '') {
      first.current = false;
      return;
    }
    const wait = Math.max(0, lastLoad.current + 1000 - Date.now());
    const timer = setTimeout(() => {
      lastLoad.current = Date.now();
      void load();
    }, wait);
    return () => clearTimeout(timer);
  }, [live, load]);

  const replied = detail ? detail.recipients.filter((r) => r.reply !== null).length : 0;
  return (
    <>
      {props.head(t('history.view.broadcast', { id: props.broadcastId }))}
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {error}
        </p>
      ) : null}
      {detail ? (
        <div className="history-broadcast">
          <div className="history-broadcast-summary">
            <p className="history-bubble-text">{detail.text}</p>
            <p className="muted">
              {t('history.broadcast.meta', {
                at: dateTime(detail.createdAt),
                author: detail.authorName ?? t('history.broadcast.system'),
                source: t(`history.source.${detail.source}`),
              })}
              {detail.tags.map((tag) => (
                <span key={tag}>
                  {' '}
                  <button type="button" className="link-button" onClick={() => openView({ kind: 'tag', tag })}>
                    #{tag}
                  </button>
                </span>
              ))}
            </p>
            {/* A plan's launch: the plan, who was on duty when it went out, the calls. */}
            <LaunchLine broadcastId={props.broadcastId} />
            <ul className="history-counts" aria-label={t('history.broadcast.counts')}>
              <li>{t('history.broadcast.recipients', { count: detail.recipients.length })}</li>
              {countByStatus(detail).map(([status, n]) => (
                <li key={status}>
                  <StatusBadge status={status} /> {n}
                </li>
              ))}
              <li>{t('history.broadcast.replied', { count: replied })}</li>
            </ul>
            <button type="button" className="button small" disabled={loading} onClick={() => void load()}>
              {t('history.refresh')}
            </button>
          </div>
          <table className="history-recipients">
            <caption className="visually-hidden">{t('history.broadcast.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.col.employee')}</th>
                <th scope="col">{t('history.col.phone')}</th>
                <th scope="col">{t('history.col.status')}</th>
                <th scope="col">{t('history.col.sent')}</th>
                <th scope="col">{t('history.col.delivered')}</th>
                <th scope="col">{t('history.col.reply')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.recipients.map((r) => (
                <tr key={r.messageId} data-testid={ids.recipient(r.messageId)} data-status={r.status} data-replied={r.reply !== null}>
                  <td>
                    {r.contactId !== null ? (
                      <button type="button" className="link-button" onClick={() => openView({ kind: 'contact', contactId: r.contactId! })}>
                        {r.contactName ?? r.phone}
                      </button>
                    ) : (
                      (r.contactName ?? '—')
                    )}
                  </td>
                  <td className="nowrap">{r.phone}</td>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.error ? <div className="history-error-text">{r.error}</div> : null}
                  </td>
                  <td className="nowrap">{r.sentAt !== null ? dateTime(r.sentAt) : '—'}</td>
                  <td className="nowrap">{r.deliveredAt !== null ? dateTime(r.deliveredAt) : '—'}</td>
                  <td>
                    {r.reply ? (
                      <>
                        <span className="history-reply">{r.reply.text}</span>{' '}
                        <span className="muted nowrap">{dateTime(r.reply.createdAt)}</span>
                        {r.replies > 1 ? <span className="muted"> {t('history.broadcast.moreReplies', { count: r.replies - 1 })}</span> : null}
                      </>
                    ) : (
                      <span className="muted">{t('history.broadcast.noReply')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail.otherReplies.length > 0 ? (
            <section aria-labelledby="history-other-replies">
              <h4 id="history-other-replies">{t('history.broadcast.otherReplies')}</h4>
              <ol className="history-chat-list">
                {detail.otherReplies.map((m) => (
                  <ChatMessage key={m.id} message={{ ...m, sentAt: null, deliveredAt: null, snippet: m.text, highlights: [] }} showWho />
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      ) : loading ? (
        <p className="muted">{t('history.loading')}</p>
      ) : null}
    </>
  );
}
