// Every admin change passes through here: what will change, in words, then Enter to do it or
// Escape to leave it. The confirm button has the focus, so Enter confirms (the action is what the
// admin just asked for); an error from the station stays in the dialog, next to the button.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { Modal } from '../../ui/Modal.js';
import { adminTestIds as ids } from './testids.js';

export interface ConfirmRequest {
  title: string;
  /** What will happen, said plainly (a list of the changes). */
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Does the change; a thrown error is shown in the dialog and the dialog stays open. */
  run: () => Promise<void>;
}

export function ConfirmDialog(props: { request: ConfirmRequest; onClose: () => void }) {
  const t = useT();
  const bodyId = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = props.request;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await r.run();
      props.onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Modal title={r.title} testId={ids.confirmDialog} role="alertdialog" describedBy={bodyId} initialFocus={confirm} onClose={props.onClose}>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <div id={bodyId} className="confirm-body">
          {r.body}
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid={ids.confirmError}>
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose} data-testid={ids.confirmCancel}>
            {t('admin.cancel')}
          </button>
          <button ref={confirm} type="submit" className={`button ${r.danger ? 'danger-solid' : 'primary'}`} disabled={busy} data-testid={ids.confirmOk}>
            {r.confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The last change's outcome, read out by screen readers and kept until the next change. */
export function ResultLine(props: { result: { ok: boolean; text: string } | null; testId: string }) {
  if (!props.result) return <p className="admin-result" role="status" data-testid={props.testId} />;
  return (
    <p className={`admin-result ${props.result.ok ? 'ok' : 'error'}`} role="status" data-testid={props.testId} data-ok={props.result.ok}>
      {props.result.text}
    </p>
  );
}

export type AdminResult = { ok: boolean; text: string } | null;

/**
 * One confirm dialog and one result line per admin section: `ask` opens the dialog; when its
 * action succeeds, `done` becomes the result line.
 */
export function useConfirm() {
  const [pending, setPending] = useState<ConfirmRequest | null>(null);
  const [result, setResult] = useState<AdminResult>(null);
  const after = useRef<(() => void) | null>(null);
  // What follows a confirmed change (a password shown once) opens only after the confirm dialog
  // has closed and handed focus back, so the new dialog keeps the focus.
  useEffect(() => {
    if (pending !== null || !after.current) return;
    const next = after.current;
    after.current = null;
    next();
  }, [pending]);
  const ask = (req: ConfirmRequest & { done: string; then?: () => void }) =>
    setPending({
      ...req,
      run: async () => {
        await req.run();
        setResult({ ok: true, text: req.done });
        after.current = req.then ?? null;
      },
    });
  const dialog = pending ? <ConfirmDialog request={pending} onClose={() => setPending(null)} /> : null;
  return { ask, dialog, result, setResult };
}
