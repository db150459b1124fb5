// A change that is hard to take back passes through here: what will happen, in words, then the
// button that does it (it has the focus, so Enter confirms what was just asked for) or Back
// (Escape). An error from the station stays in the dialog, beside the button, in the desk's
// language: the refusal is seen where the action was taken.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../app/i18n/index.js';
import { messageOf } from '../app/station-bridge.js';
import { Modal } from './Modal.js';

export interface ConfirmRequest {
  title: string;
  /** What will happen, said plainly (a list of the changes). */
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Does the change; a thrown error is shown in the dialog and the dialog stays open. */
  run: () => Promise<void>;
}

export interface ConfirmTestIds {
  dialog: string;
  ok: string;
  cancel: string;
  error: string;
}

export const CONFIRM_TEST_IDS: ConfirmTestIds = { dialog: 'confirm-dialog', ok: 'confirm-ok', cancel: 'confirm-cancel', error: 'confirm-error' };

export function ConfirmDialog(props: { request: ConfirmRequest; onClose: () => void; testIds?: ConfirmTestIds }) {
  const t = useT();
  const ids = props.testIds ?? CONFIRM_TEST_IDS;
  const bodyId = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = props.request;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await r.run();
      props.onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Modal title={r.title} testId={ids.dialog} role="alertdialog" describedBy={bodyId} initialFocus={confirm} onClose={props.onClose}>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <div id={bodyId} className="confirm-body">
          {r.body}
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid={ids.error}>
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose} data-testid={ids.cancel}>
            {t('dialog.back')}
          </button>
          <button ref={confirm} type="submit" className={`button ${r.danger ? 'danger-solid' : 'primary'}`} disabled={busy} data-testid={ids.ok}>
            {r.confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export type ConfirmOutcome = { ok: boolean; text: string } | null;

/**
 * One confirm dialog and one outcome line per screen: `ask` opens the dialog; when its action
 * succeeds, `done` becomes the outcome; `then` runs once the dialog has closed and handed focus
 * back (so a dialog it opens keeps the focus).
 */
export function useConfirm(testIds?: ConfirmTestIds) {
  const [pending, setPending] = useState<ConfirmRequest | null>(null);
  const [result, setResult] = useState<ConfirmOutcome>(null);
  const after = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (pending !== null || !after.current) return;
    const next = after.current;
    after.current = null;
    next();
  }, [pending]);
  // `run` may return the outcome in words when only the station's answer can say it (how many
  // were cancelled); otherwise `done` is the outcome. A refusal also stays as the outcome after
  // the dialog is closed, so it is not lost with the dialog.
  const ask = (req: Omit<ConfirmRequest, 'run'> & { run: () => Promise<string | void>; done: string; failed?: (message: string) => string; then?: () => void }) =>
    setPending({
      ...req,
      run: async () => {
        let said: string | void;
        try {
          said = await req.run();
        } catch (err) {
          setResult({ ok: false, text: req.failed ? req.failed(messageOf(err)) : messageOf(err) });
          throw err;
        }
        setResult({ ok: true, text: said ?? req.done });
        after.current = req.then ?? null;
      },
    });
  const dialog = pending ? <ConfirmDialog request={pending} onClose={() => setPending(null)} {...(testIds ? { testIds } : {})} /> : null;
  return { ask, dialog, result, setResult };
}
