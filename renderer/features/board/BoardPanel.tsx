// The dispatch board: one row per broadcast with a stacked progress bar and the five counts;
// confirmations and polls add who answered and, a click away, who is silent. A scheduled
// broadcast says when it goes out; every broadcast can be cancelled for what is still queued.
// While the pointer is over the list, new broadcasts wait above it instead of pushing the rows
// down under a click.
import { memo } from 'react';
import { useT, useTimeFormat } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { OrderLink } from '../orders/OrderLink.js';
import { BroadcastHistoryLink } from '../history/HistoryLinks.js';
import { useHeldList } from '../../ui/useHeldList.js';
import { BoardTally } from './BoardTally.js';
import { BroadcastActions, BroadcastSchedule } from './BroadcastActions.js';
import { LaunchLine } from '../plans/LaunchLine.js';
import { boardFigures, progressParts, type CountKey } from './slice.js';
import { boardTestIds } from './testids.js';
import './board-tally.css';

const COUNT_KEYS: readonly CountKey[] = ['queued', 'sent', 'delivered', 'failed', 'replied'];

const BoardRow = memo(function BoardRow(props: { id: number }) {
  const t = useT();
  const time = useTimeFormat();
  const b = useAppStore((s) => s.board.byId[props.id]);
  const tally = useAppStore((s) => s.dispatch.tallies[props.id]);
  const shown = useAppStore((s) => s.feed.filters.broadcast === props.id);
  const show = useAppStore((s) => s.showBroadcastInFeed);
  if (!b) return null;
  const figures = boardFigures(b);
  const parts = progressParts(b);
  const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
  return (
    <li className="board-row" data-testid={boardTestIds.row(b.id)} data-total={b.total} aria-label={t('board.row', { id: b.id })}>
      <div className="board-line">
        <span className="board-id">№{b.id}</span>
        <span className="board-text" title={b.text}>
          {b.text}
        </span>
        <span className="muted board-meta">
          {t('board.by', { author: b.authorName ?? t('board.system'), time: time(b.createdAt) })}
        </span>
        <span className="board-total">{t('board.total', { total: b.total })}</span>
        {b.preparing ? (
          <span className="badge board-preparing" role="status" data-testid={boardTestIds.preparing(b.id)} data-count={b.preparing}>
            {t('board.preparing', { count: b.preparing.toLocaleString() })}
          </span>
        ) : null}
        {b.abandoned ? (
          <span className="badge board-abandoned" data-testid={boardTestIds.abandoned(b.id)} title={t('board.abandonedTitle')}>
            {t('board.abandoned')}
          </span>
        ) : null}
        <BroadcastSchedule b={b} />
        {b.code ? <OrderLink code={b.code} /> : null}
        <button
          type="button"
          className="button small ghost"
          aria-pressed={shown}
          onClick={() => show(shown ? null : b.id)}
          data-testid={boardTestIds.showInFeed(b.id)}
        >
          {t('board.showInFeed')}
        </button>
        <BroadcastHistoryLink broadcastId={b.id} />
        <BroadcastActions b={b} tally={tally} />
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={b.total}
        aria-valuenow={parts.done}
        aria-label={t('board.progress', { id: b.id, done: parts.done, total: b.total })}
        data-testid={boardTestIds.progress(b.id)}
      >
        <span className="bar bar-delivered" style={{ width: pct(parts.delivered) }} />
        <span className="bar bar-sent" style={{ width: pct(parts.sent) }} />
        <span className="bar bar-failed" style={{ width: pct(parts.failed) }} />
      </div>
      <dl className="board-counts">
        {COUNT_KEYS.map((key) => (
          <div key={key} className={`board-count count-${key} ${figures[key] > 0 ? '' : 'zero'}`} title={key === 'queued' ? t('board.count.queuedTitle') : key === 'sent' ? t('board.count.sentTitle') : key === 'failed' ? t('board.count.failedTitle') : undefined}>
            <dt>{t(`board.count.${key}`)}</dt>
            <dd data-testid={boardTestIds.count(b.id, key)} data-count={figures[key]}>
              {figures[key]}
            </dd>
          </div>
        ))}
        {b.kind === 'confirm' || b.kind === 'poll' ? <BoardTally id={b.id} kind={b.kind} /> : null}
      </dl>
      <LaunchLine broadcastId={b.id} />
    </li>
  );
});

export function BoardPanel() {
  const t = useT();
  const order = useAppStore((s) => s.board.order);
  const held = useHeldList(order);
  // In the heading, not above the rows: the note itself must not push them down either.
  const actions =
    held.waiting > 0 ? (
      <button type="button" className="button small board-waiting" onClick={held.release} title={t('board.waitingTitle')} data-testid={boardTestIds.waiting} data-count={held.waiting}>
        {t('board.waiting', { count: held.waiting })}
      </button>
    ) : null;
  return (
    <Panel title={t('board.heading')} testId={boardTestIds.panel} className="panel-board" actions={actions}>
      {order.length === 0 ? (
        <p className="empty" data-testid={boardTestIds.empty}>
          {t('board.empty')}
        </p>
      ) : (
        // Focusable so the keyboard can scroll it (and Alt+3 has somewhere to land).
        <ul className="board-list" tabIndex={0} aria-label={t('board.heading')} {...held.bind}>
          {held.ids.map((id) => (
            <BoardRow key={id} id={id} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
