// Asks before a key is revoked: scripts using it fail at once and it cannot come back.
// Cancel has the focus, so Enter pressed by habit does no harm.
import { useId, useRef, useState, type RefObject } from 'react';
import type { ApiKeyView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { Modal } from '../../ui/Modal.js';
import { integrationsTestIds as ids } from './testids.js';

export function RevokeKeyDialog(props: {
  apiKey: ApiKeyView;
  fallbackFocus?: RefObject<HTMLElement | null>;
  onRevoked: (view: ApiKeyView) => void;
  onClose: () => void;
}) {
  const t = useT();
  const station = useStation();
  const bodyId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const k = props.apiKey;

  const revoke = async () => {
    setBusy(true);
    try {
      const { view } = await station.request!('apikeys.revoke', { id: k.id });
      props.onRevoked(view);
      props.onClose();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('integrations.revoke.title')}
      testId={ids.revokeDialog}
      role="alertdialog"
      describedBy={bodyId}
      initialFocus={cancel}
      {...(props.fallbackFocus ? { fallbackFocus: props.fallbackFocus } : {})}
      onClose={props.onClose}
    >
      <p id={bodyId}>{t('integrations.revoke.body', { name: k.name, prefix: k.prefix, login: k.userLogin })}</p>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.dialogError}>
          {error}
        </p>
      ) : null}
      <div className="modal-actions">
        <button ref={cancel} type="button" className="button" onClick={props.onClose} data-testid={ids.cancel}>
          {t('integrations.cancel')}
        </button>
        <button type="button" className="button danger-solid" disabled={busy} onClick={() => void revoke()} data-testid={ids.revokeConfirm}>
          {t('integrations.revoke.confirm')}
        </button>
      </div>
    </Modal>
  );
}
