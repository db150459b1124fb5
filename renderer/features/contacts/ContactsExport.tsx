// Contacts out, in the columns the import reads (export → import is lossless).
import { useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { base64ToBytes, mimeOf, saveBlob } from './files.js';
import { contactsTestIds as ids } from './testids.js';

export function ContactsExport() {
  const t = useT();
  const station = useStation();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await station.request!('contacts.export', { format });
      saveBlob(r.fileName, new Blob([base64ToBytes(r.contentBase64)], { type: mimeOf(r.fileName) }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="contacts-export" aria-labelledby="contacts-export-heading">
      <h3 id="contacts-export-heading">{t('contacts.export.heading')}</h3>
      <p className="hint">{t('contacts.export.hint')}</p>
      <div className="contacts-actions">
        <label className="field">
          <span>{t('contacts.export.format')}</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as 'xlsx' | 'csv')} data-testid={ids.exportFormat}>
            <option value="xlsx">Excel (.xlsx)</option>
            <option value="csv">CSV (.csv)</option>
          </select>
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void run()} data-testid={ids.export}>
          {busy ? t('contacts.busy') : t('contacts.export.button')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
