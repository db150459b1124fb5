// What a dispatcher may do to a broadcast that is out of their hands, made hard to get wrong:
// cancel what is still queued, move a scheduled one (or send it now), close a poll or
// confirmation. Each asks first, naming the broadcast by number and text and saying what will
// and will not happen; the station's refusal (not the author, already gone) is shown in the
// dialog and, after it, on the row itself — never only in the console.
import { useState, type FormEvent } from 'react';
import type { BroadcastSummary, Tally } from '../../../shared/protocol/index.js';
import { useT, useWhen } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { useConfirm } from '../../ui/ConfirmDialog.js';
import { Modal } from '../../ui/Modal.js';
import { boardTestIds as ids } from './testids.js';
import './board-actions.css';

/** A broadcast's text as a dialog quotes it: enough to tell it from the one beside it. */
function quoted(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `«${line.length > 160 ? `${line.slice(0, 157)}…` : line}»`;
}

/** `2026-12-03T14:30` in local time, as a datetime-local input holds it. */
export function localInputValue(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Scheduled and not yet due. */
export function isAhead(b: BroadcastSummary, now = Date.now()): boolean {
  return b.cancelledAt == null && b.scheduledAt != null && b.scheduledAt > now;
}

/** The send time of a scheduled broadcast, or when it was cancelled. */
export function BroadcastSchedule(props: { b: BroadcastSummary }) {
  const t = useT();
  const when = useWhen();
  const { b } = props;
  if (b.cancelledAt != null) {
    return (
      <span className="badge badge-cancelled" data-testid={ids.cancelled(b.id)}>
        {t('board.cancelledAt', { when: when(b.cancelledAt) })}
      </span>
    );
  }
  if (!isAhead(b)) return null;
  return (
    <span className="badge badge-scheduled" title={t('board.scheduledTitle')} data-testid={ids.scheduled(b.id)} data-at={b.scheduledAt}>
      {t('board.scheduled', { when: when(b.scheduledAt!) })}
    </span>
  );
}

function MoveDialog(props: { b: BroadcastSummary; onClose(): void; onDone(text: string): void }) {
  const t = useT();
  const when = useWhen();
  const station = useStation();
  const { b } = props;
  const [value, setValue] = useState(() => localInputValue(b.scheduledAt ?? Date.now()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const move = async (at: number | null) => {
    if (at !== null && !(at > Date.now())) {
      setError(t('board.move.past'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await station.request!('broadcast.reschedule', { broadcastId: b.id, scheduledAt: at ?? 0 });
      useAppStore.getState().broadcastsChanged([next]);
      props.onDone(next.scheduledAt != null ? t('board.move.done', { id: b.id, when: when(next.scheduledAt) }) : t('board.move.doneNow', { id: b.id }));
      props.onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = new Date(value).getTime();
    void move(Number.isFinite(at) ? at : NaN);
  };
  return (
    <Modal title={t('board.move.title', { id: b.id })} testId={ids.moveDialog} onClose={props.onClose}>
      <form className="modal-form" onSubmit={submit}>
        <p>{quoted(b.text)}</p>
        {b.scheduledAt != null ? <p className="muted">{t('board.move.now', { when: when(b.scheduledAt) })}</p> : null}
        <label className="field">
          <span>{t('board.move.at')}</span>
          <input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} required data-testid={ids.moveAt} />
        </label>
        {error ? (
          <p className="form-error" role="alert" data-testid={ids.moveError}>
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('dialog.back')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void move(null)} data-testid={ids.moveNow}>
            {t('board.move.sendNow')}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid={ids.moveOk}>
            {t('board.move.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export interface ActionIds {
  cancel: string;
  close?: string;
}

/**
 * The buttons of one broadcast. `close` adds "Close poll" / "Stop collecting confirmations"
 * (the questions panel); `ids` keeps the test hooks of the panel it sits in.
 */
export function BroadcastActions(props: { b: BroadcastSummary; tally?: Tally | undefined; close?: boolean; ids?: ActionIds }) {
  const t = useT();
  const when = useWhen();
  const station = useStation();
  const viewer = useAppStore((s) => s.session.user?.role === 'viewer');
  const { ask, dialog, result, setResult } = useConfirm({
    dialog: ids.confirmDialog,
    ok: ids.confirmOk,
    cancel: ids.confirmCancel,
    error: ids.confirmError,
  });
  const [moving, setMoving] = useState(false);
  const { b, tally } = props;
  const testIds = props.ids ?? { cancel: ids.cancel(b.id) };
  if (viewer || !station.request) return null;

  const ahead = isAhead(b);
  const escalating = tally?.escalation?.state === 'open';
  // Claimed SMS still waiting for a carrier's rate slot count as not sent: the cancel calls them back.
  const pending = b.counts.queued + b.counts.sending;
  const canCancel = b.cancelledAt == null && (pending > 0 || escalating);
  const canClose = props.close === true && tally !== undefined && !tally.closed && b.cancelledAt == null;
  const failed = (message: string) => t('board.actionFailed', { message });

  const cancel = () =>
    ask({
      title: t('board.cancel.title', { id: b.id }),
      body: (
        <>
          <p>{quoted(b.text)}</p>
          <p>{ahead ? t('board.cancel.scheduled', { when: when(b.scheduledAt!), count: b.total }) : t('board.cancel.queued', { count: pending })}</p>
          {!ahead && b.total - pending > 0 ? <p className="muted">{t('board.cancel.gone', { count: b.total - pending })}</p> : null}
          {b.kind === 'confirm' ? <p className="muted">{t('board.cancel.escalation')}</p> : null}
        </>
      ),
      confirmLabel: t('board.cancel.confirm', { id: b.id }),
      danger: true,
      run: async () => {
        const { cancelled } = await station.request!('broadcast.cancel', { broadcastId: b.id });
        return t('board.cancel.done', { id: b.id, count: cancelled });
      },
      done: t('board.cancel.done', { id: b.id, count: pending }),
      failed,
    });

  const close = () =>
    ask({
      title: t(b.kind === 'poll' ? 'board.close.pollTitle' : 'board.close.confirmTitle', { id: b.id }),
      body: (
        <>
          <p>{quoted(b.text)}</p>
          {tally ? <p>{t('board.close.counts', { answered: tally.answers.length, silent: tally.silent.length })}</p> : null}
          <p className="muted">{t('board.close.after')}</p>
          {b.kind === 'confirm' && escalating ? <p className="muted">{t('board.cancel.escalation')}</p> : null}
        </>
      ),
      confirmLabel: t(b.kind === 'poll' ? 'board.close.poll' : 'board.close.confirmKind'),
      run: async () => {
        const next = await station.request!('broadcast.close', { broadcastId: b.id });
        useAppStore.getState().talliesReceived([next]);
      },
      done: t('board.close.done', { id: b.id }),
      failed,
    });

  if (!canCancel && !canClose && !ahead && !result) return null;
  return (
    <>
      <span className="broadcast-actions">
        {ahead ? (
          <button type="button" className="button small" onClick={() => setMoving(true)} aria-label={t('board.moveLabel', { id: b.id })} data-testid={ids.move(b.id)}>
            {t('board.move')}
          </button>
        ) : null}
        {canClose ? (
          <button type="button" className="button small" onClick={close} data-testid={testIds.close}>
            {t(b.kind === 'poll' ? 'board.close.poll' : 'board.close.confirmKind')}
          </button>
        ) : null}
        {canCancel ? (
          <button type="button" className="button small danger" onClick={cancel} aria-label={t('board.cancelLabel', { id: b.id })} data-testid={testIds.cancel}>
            {t('board.cancel')}
          </button>
        ) : null}
      </span>
      {result ? (
        <p className={`broadcast-outcome ${result.ok ? 'ok' : 'form-error'}`} role={result.ok ? 'status' : 'alert'} data-testid={ids.outcome(b.id)} data-ok={result.ok}>
          {result.text}
          <button type="button" className="button small ghost" onClick={() => setResult(null)}>
            {t('board.dismiss')}
          </button>
        </p>
      ) : null}
      {dialog}
      {moving ? (
        <MoveDialog
          b={b}
          onClose={() => setMoving(false)}
          onDone={(text) => setResult({ ok: true, text })}
        />
      ) : null}
    </>
  );
}
