// Contacts from HR's spreadsheet and back (issue 7 item 4): pick a .xlsx or .csv, check the
// station's reading of it (columns, first rows, bad rows), load it, see what changed, undo the
// last import if it was the wrong file; and export the contacts in the same format.
import { useRef, useState } from 'react';
import type { ColumnMapping, ImportPreview as Preview, ImportResult } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { ContactsExport } from './ContactsExport.js';
import { ErrorTable } from './ErrorTable.js';
import { uploadContactsFile } from './upload.js';
import { ImportPreview } from './ImportPreview.js';
import { missingRequired } from './mapping.js';
import { contactsTestIds as ids } from './testids.js';

interface Picked {
  fileName: string;
}

export function ContactsScreen() {
  const t = useT();
  const station = useStation();
  const isAdmin = useAppStore((s) => s.session.user?.role === 'admin');
  const locale = useAppStore((s) => s.prefs.locale);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [undone, setUndone] = useState<{ removed: number; restored: number } | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  // Another mapping: the station reads the file it already has again, by its upload id.
  const askPreview = (uploadId: string, mapping?: ColumnMapping) =>
    run(async () => {
      setPreview(await station.request!('contacts.import.preview', { uploadId, ...(mapping ? { mapping } : {}) }));
    });

  const pick = async (file: File | undefined) => {
    setResult(null);
    setUndone(null);
    setPreview(null);
    if (!file) return;
    await run(async () => {
      setPicked({ fileName: file.name });
      setPreview(await uploadContactsFile(file, locale));
    });
  };

  const commit = () =>
    run(async () => {
      if (!preview) return;
      const r = await station.request!('contacts.import.commit', { uploadId: preview.uploadId, mapping: preview.mapping });
      setResult(r);
      setPreview(null);
      setPicked(null);
      if (fileInput.current) fileInput.current.value = '';
    });

  const discard = () => {
    setPreview(null);
    setPicked(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const undo = () =>
    run(async () => {
      setConfirmUndo(false);
      const r = await station.request!('contacts.import.undo', {});
      setUndone({ removed: r.removed, restored: r.restored });
      setResult(null);
    });

  const missing = preview ? missingRequired(preview.mapping) : [];
  return (
    <div className="contacts-screen">
      <section className="contacts-import" aria-labelledby="contacts-import-heading">
        <h3 id="contacts-import-heading">{t('contacts.import.heading')}</h3>
        <p className="hint">{t('contacts.import.hint')}</p>
        {!isAdmin ? <p className="hint">{t('contacts.import.adminOnly')}</p> : null}
        <div className="contacts-actions">
          {isAdmin ? (
            <label className="field">
              <span>{t('contacts.import.file')}</span>
              <input
                ref={fileInput}
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                disabled={busy}
                onChange={(e) => void pick(e.target.files?.[0])}
                data-testid={ids.file}
              />
            </label>
          ) : null}
          {isAdmin ? (
            confirmUndo ? (
              <span className="contacts-confirm" role="group" aria-label={t('contacts.undo.confirm')}>
                {t('contacts.undo.confirm')}
                <button type="button" className="button small" onClick={() => void undo()} data-testid={`${ids.undo}-yes`}>
                  {t('contacts.undo.yes')}
                </button>
                <button type="button" className="button small ghost" onClick={() => setConfirmUndo(false)}>
                  {t('contacts.undo.no')}
                </button>
              </span>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={() => setConfirmUndo(true)} data-testid={ids.undo}>
                {t('contacts.undo.button')}
              </button>
            )
          ) : null}
        </div>
        {busy ? (
          <p className="muted" role="status">
            {t('contacts.busy')}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert" data-testid={ids.error_}>
            {error}
          </p>
        ) : null}
        {undone ? (
          <p role="status" data-testid={ids.undone}>
            {t('contacts.undo.done', { removed: undone.removed, restored: undone.restored })}
          </p>
        ) : null}
        {preview && picked ? (
          <>
            <ImportPreview fileName={picked.fileName} preview={preview} busy={busy} onMapping={(m) => void askPreview(preview.uploadId, m)} />
            {missing.length > 0 ? (
              <p className="form-error" role="alert">
                {t('contacts.mapping.missing', { fields: missing.map((f) => t(`contacts.field.${f}`)).join(', ') })}
              </p>
            ) : null}
            <div className="contacts-actions">
              {isAdmin ? (
                <button type="button" className="button primary" disabled={busy || missing.length > 0} onClick={() => void commit()} data-testid={ids.commit}>
                  {t('contacts.import.commit', { count: preview.totals.rows - preview.totals.blank - preview.totals.errors })}
                </button>
              ) : null}
              <button type="button" className="button ghost" onClick={discard} data-testid={ids.discard}>
                {t('contacts.import.discard')}
              </button>
            </div>
          </>
        ) : null}
        {result ? (
          <div
            className="contacts-result"
            role="status"
            data-testid={ids.result}
            data-created={result.totals.created}
            data-updated={result.totals.updated}
            data-unchanged={result.totals.unchanged}
            data-errors={result.totals.errors}
          >
            <p>
              {t('contacts.result.totals', {
                created: result.totals.created,
                updated: result.totals.updated,
                unchanged: result.totals.unchanged,
                errors: result.totals.errors,
                blank: result.totals.blank,
              })}
            </p>
            <ErrorTable errors={result.errors} csv={result.errorsCsv} />
          </div>
        ) : null}
      </section>
      <ContactsExport />
    </div>
  );
}
