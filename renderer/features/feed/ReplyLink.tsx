// On a reply in the feed: which broadcast it was counted for (or linked to, or none — flagged), as
// a button that moves it to another broadcast in one step. The station re-counts both tallies and
// audits the move (`reply.move`); the feed and the board follow from the events it pushes.
import { useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import type { MessageView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { Modal } from '../../ui/Modal.js';
import { feedTestIds } from './testids.js';
import './reply-link.css';

/** Broadcasts offered as targets: the newest on the board. */
const OFFERED = 15;

export function ReplyLink({ m }: { m: MessageView }) {
  const t = useT();
  const station = useStation();
  const [moving, setMoving] = useState(false);
  const label =
    m.countedFor != null
      ? t('reply.countedFor', { id: m.countedFor })
      : m.broadcastId !== null
        ? t('feed.broadcast', { id: m.broadcastId })
        : t('reply.unmatched');
  if (!station.request) return <span className="muted feed-broadcast">{label}</span>;
  return (
    <>
      <button
        type="button"
        className={`button small ghost feed-broadcast ${m.broadcastId === null ? 'feed-unmatched' : ''}`}
        title={t('reply.moveTitle')}
        aria-label={`${label}. ${t('reply.moveTitle')}`}
        onClick={() => setMoving(true)}
        data-testid={feedTestIds.move(m.id)}
        data-counted-for={m.countedFor ?? ''}
        data-matched-by={m.matchedBy ?? ''}
      >
        {label} <span aria-hidden="true">⇄</span>
      </button>
      {/* Out of the row: a feed row is a positioned, clipped box the dialog must not live in. */}
      {moving ? createPortal(<MoveReplyDialog m={m} onClose={() => setMoving(false)} />, document.body) : null}
    </>
  );
}

function MoveReplyDialog({ m, onClose }: { m: MessageView; onClose: () => void }) {
  const t = useT();
  const station = useStation();
  const name = useId();
  const first = useRef<HTMLInputElement>(null);
  const offered = useAppStore(useShallow((s) => s.board.order.filter((id) => id !== m.broadcastId).slice(0, OFFERED)));
  const byId = useAppStore((s) => s.board.byId);
  const [target, setTarget] = useState<number | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = m.contactName ?? m.phone;

  const move = async () => {
    if (target === undefined) return;
    setBusy(true);
    try {
      await station.request!('reply.move', { messageId: m.id, broadcastId: target });
      onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('reply.moveHeading')} testId={feedTestIds.moveDialog} initialFocus={first} onClose={onClose}>
      <p>
        {t('reply.moveWhat', { who, text: m.text })}{' '}
        {m.countedFor != null ? t('reply.countedFor', { id: m.countedFor }) : m.broadcastId !== null ? t('feed.broadcast', { id: m.broadcastId }) : t('reply.unmatched')}
      </p>
      <fieldset className="move-targets">
        <legend>{t('reply.moveTo')}</legend>
        {offered.map((id, i) => {
          const b = byId[id];
          if (!b) return null;
          return (
            <label key={id} className="move-target">
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name={name}
                checked={target === id}
                onChange={() => setTarget(id)}
                data-testid={feedTestIds.moveTarget(id)}
              />
              <span>
                №{id} · {b.text}
              </span>
            </label>
          );
        })}
        <label className="move-target">
          <input type="radio" name={name} checked={target === null} onChange={() => setTarget(null)} data-testid={feedTestIds.moveTarget(null)} />
          <span>{t('reply.moveNone')}</span>
        </label>
      </fieldset>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('reply.moveCancel')}
        </button>
        <button type="button" className="button primary" disabled={busy || target === undefined} onClick={() => void move()} data-testid={feedTestIds.moveConfirm}>
          {t('reply.move')}
        </button>
      </div>
    </Modal>
  );
}
