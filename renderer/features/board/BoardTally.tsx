// On a board row of a confirmation or poll: how many answered (confirmed), and who is silent —
// a click away, as a list under the row, because that is whom the dispatcher calls next.
// The tally is fetched once when the row shows (the snapshot does not bring it), then kept current
// by the `tally.changed` events: who answered what and the figures, never the whole tally again.
import { useEffect, useId, useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { boardTestIds } from './testids.js';

export function BoardTally(props: { id: number; kind: 'poll' | 'confirm' }) {
  const t = useT();
  const station = useStation();
  const tally = useAppStore((s) => s.dispatch.tallies[props.id]);
  const received = useAppStore((s) => s.talliesReceived);
  const synced = useAppStore((s) => s.connection.synced);
  const [open, setOpen] = useState(false);
  const listId = useId();
  useEffect(() => {
    if (tally || !synced || !station.request) return;
    let live = true;
    station.request('broadcast.tally', { broadcastId: props.id }).then(
      (value) => live && received([value]),
      () => undefined, // The board still shows the delivery figures; the next event brings the tally.
    );
    return () => {
      live = false;
    };
  }, [tally, synced, station, received, props.id]);

  // A confirmation counts who confirmed; a poll, who answered (a free-text answer included).
  const answered = tally ? (props.kind === 'confirm' ? (tally.options[0]?.count ?? 0) : tally.answers.length) : undefined;
  const other = props.kind === 'confirm' ? (tally?.other ?? 0) : 0;
  const silent = tally?.silent ?? [];
  return (
    <>
      <div className={`board-count count-confirmed ${answered ? '' : 'zero'}`}>
        <dt>{t(props.kind === 'confirm' ? 'board.count.confirmed' : 'board.count.answered')}</dt>
        <dd data-testid={boardTestIds.confirmed(props.id)} data-count={answered ?? ''}>
          {answered ?? '…'}
        </dd>
      </div>
      {other > 0 ? (
        <div className="board-count count-other">
          <dt>{t('board.count.other')}</dt>
          <dd data-testid={boardTestIds.other(props.id)} data-count={other}>
            {other}
          </dd>
        </div>
      ) : null}
      {/* The list sits in the dd, so the definition list stays valid; open, it takes a line. */}
      <div className={`board-count count-silent ${open ? 'open' : ''}`}>
        <dt className="visually-hidden">{t('board.count.silent')}</dt>
        <dd>
          <button
            type="button"
            className="button small ghost board-silent-toggle"
            aria-expanded={open}
            aria-controls={listId}
            disabled={tally === undefined}
            onClick={() => setOpen((o) => !o)}
            data-testid={boardTestIds.silentToggle(props.id)}
            data-count={tally ? silent.length : ''}
          >
            {t('board.silent', { count: silent.length })}
          </button>
          {open ? (
            <div className="board-silent" id={listId} data-testid={boardTestIds.silentList(props.id)}>
              {silent.length === 0 ? (
                <p className="muted">{t('board.nobodySilent')}</p>
              ) : (
                <ul aria-label={t('board.silentList', { id: props.id })}>
                  {silent.map((p) => (
                    <li key={p.phone}>
                      {p.name ?? p.phone} {p.name ? <span className="muted">{p.phone}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
        </dd>
      </div>
    </>
  );
}
