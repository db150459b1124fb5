// Making a key: pick its user and name it, then the station answers with the key in clear, the
// only time it ever exists outside the caller's hands. The second step shows it with a copy
// button and a warning; closing the dialog drops it from memory.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiKeyView, KeyOwner } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { Modal } from '../../ui/Modal.js';
import { integrationsTestIds as ids } from './testids.js';

export function CreateKeyDialog(props: { owners: KeyOwner[]; onCreated: (view: ApiKeyView) => void; onClose: () => void }) {
  const [created, setCreated] = useState<{ key: string; view: ApiKeyView } | null>(null);
  // Different keys: the shown-once step is a fresh dialog that takes the focus to the key.
  return created ? (
    <ShownKey key="shown" apiKey={created.key} view={created.view} onClose={props.onClose} />
  ) : (
    <KeyForm
      key="form"
      owners={props.owners}
      onCreated={(result) => {
        setCreated(result);
        props.onCreated(result.view);
      }}
      onClose={props.onClose}
    />
  );
}

function KeyForm(props: { owners: KeyOwner[]; onCreated: (r: { key: string; view: ApiKeyView }) => void; onClose: () => void }) {
  const t = useT();
  const station = useStation();
  const ownerId = useId();
  const nameId = useId();
  const legacyHintId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const [owner, setOwner] = useState<number | null>(props.owners[0]?.id ?? null);
  const [name, setName] = useState('');
  const [legacy, setLegacy] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (owner === null || !name.trim()) return;
    setBusy(true);
    try {
      props.onCreated(await station.request!('apikeys.create', { userId: owner, name: name.trim(), legacy }));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('integrations.create.title')} testId={ids.createDialog} initialFocus={nameInput} onClose={props.onClose}>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={nameId}>{t('integrations.create.name')}</label>
          <input
            ref={nameInput}
            id={nameId}
            required
            maxLength={100}
            autoComplete="off"
            placeholder={t('integrations.create.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid={ids.name}
          />
        </div>
        <div className="field">
          <label htmlFor={ownerId}>{t('integrations.create.owner')}</label>
          <select id={ownerId} value={owner ?? ''} onChange={(e) => setOwner(Number(e.target.value))} data-testid={ids.owner}>
            {props.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.login})
              </option>
            ))}
          </select>
        </div>
        <div className="check-field">
          <input
            id={legacyHintId + '-box'}
            type="checkbox"
            checked={legacy}
            onChange={(e) => setLegacy(e.target.checked)}
            aria-describedby={legacyHintId}
            data-testid={ids.legacy}
          />
          <label htmlFor={legacyHintId + '-box'}>{t('integrations.create.legacy')}</label>
          <p id={legacyHintId} className="hint">
            {t('integrations.create.legacyHint')}
          </p>
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid={ids.dialogError}>
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose} data-testid={ids.cancel}>
            {t('integrations.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || owner === null || !name.trim()} data-testid={ids.createSubmit}>
            {busy ? t('integrations.create.creating') : t('integrations.create.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ShownKey(props: { apiKey: string; view: ApiKeyView; onClose: () => void }) {
  const t = useT();
  const keyId = useId();
  const warningId = useId();
  const keyInput = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copyKey = async () => {
    try {
      // navigator.clipboard exists only in a secure context: a browser on the next desk over
      // plain http has none, so fall back to copying the selected text.
      if (navigator.clipboard) await navigator.clipboard.writeText(props.apiKey);
      else {
        keyInput.current?.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopy('copied');
    } catch {
      keyInput.current?.select();
      setCopy('failed');
    }
  };

  return (
    <Modal title={t('integrations.created.title')} testId={ids.createDialog} describedBy={warningId} initialFocus={keyInput} onClose={props.onClose}>
      <p id={warningId} className="key-warning">
        {t('integrations.created.warning')}
      </p>
      <div className="field">
        <label htmlFor={keyId}>{t('integrations.created.key', { name: props.view.name, login: props.view.userLogin })}</label>
        <div className="key-box">
          <input
            ref={keyInput}
            id={keyId}
            className="key-value"
            readOnly
            spellCheck={false}
            value={props.apiKey}
            onFocus={(e) => e.currentTarget.select()}
            data-testid={ids.createdKey}
          />
          <button type="button" className="button" onClick={() => void copyKey()} data-testid={ids.copy}>
            {t('integrations.created.copy')}
          </button>
        </div>
        <p className="hint" aria-live="polite" data-testid={ids.copied}>
          {copy === 'copied' ? t('integrations.created.copied') : copy === 'failed' ? t('integrations.created.copyFailed') : ''}
        </p>
      </div>
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={props.onClose} data-testid={ids.done}>
          {t('integrations.created.done')}
        </button>
      </div>
    </Modal>
  );
}
