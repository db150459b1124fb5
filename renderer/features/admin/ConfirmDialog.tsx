// Admin changes go through the shared confirm dialog (ui/ConfirmDialog.tsx) under the admin
// screen's test ids; the result line under each section says what the last change did.
import { useConfirm as useSharedConfirm, type ConfirmOutcome } from '../../ui/ConfirmDialog.js';
import { adminTestIds as ids } from './testids.js';

export type { ConfirmRequest } from '../../ui/ConfirmDialog.js';
export type AdminResult = ConfirmOutcome;

const ADMIN_CONFIRM_IDS = { dialog: ids.confirmDialog, ok: ids.confirmOk, cancel: ids.confirmCancel, error: ids.confirmError };

/** The last change's outcome, read out by screen readers and kept until the next change. */
export function ResultLine(props: { result: ConfirmOutcome; testId: string }) {
  if (!props.result) return <p className="admin-result" role="status" data-testid={props.testId} />;
  return (
    <p className={`admin-result ${props.result.ok ? 'ok' : 'error'}`} role="status" data-testid={props.testId} data-ok={props.result.ok}>
      {props.result.text}
    </p>
  );
}

export function useConfirm() {
  return useSharedConfirm(ADMIN_CONFIRM_IDS);
}
