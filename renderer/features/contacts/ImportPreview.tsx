// The file as the station read it: a field chosen per column (the station's guess first), the
// first rows as they would be stored, and every bad row with its reason. Changing a column asks
// the station for a new preview, so what is shown is always what the commit will load.
import type { ColumnMapping, ContactField, ImportPreview as Preview } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { ErrorTable } from './ErrorTable.js';
import { FIELDS, assignColumn, fieldOfColumn } from './mapping.js';
import { contactsTestIds as ids } from './testids.js';

export function ImportPreview(props: { fileName: string; preview: Preview; busy: boolean; onMapping(mapping: ColumnMapping): void }) {
  const t = useT();
  const p = props.preview;
  return (
    <div className="contacts-preview" data-testid={ids.preview} data-encoding={p.encoding}>
      <p>
        {t('contacts.preview.summary', {
          file: props.fileName,
          encoding: t(`contacts.encoding.${p.encoding}`),
          rows: p.totals.rows,
          blank: p.totals.blank,
          errors: p.totals.errors,
        })}
      </p>
      <fieldset className="contacts-mapping">
        <legend>{t('contacts.mapping.caption')}</legend>
        {p.headers.map((header, i) => (
          <label key={i} className="field">
            <span>{header || t('contacts.mapping.unnamed', { n: i + 1 })}</span>
            <select
              value={fieldOfColumn(p.mapping, i) ?? ''}
              disabled={props.busy}
              aria-label={t('contacts.mapping.fieldFor', { column: header || String(i + 1) })}
              onChange={(e) => props.onMapping(assignColumn(p.mapping, i, (e.target.value || null) as ContactField | null))}
              data-testid={ids.mapping(i)}
            >
              <option value="">{t('contacts.field.none')}</option>
              {FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`contacts.field.${f}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <ErrorTable errors={p.errors} />
      {p.sample.length > 0 ? (
        <div className="contacts-scroll">
          <table className="contacts-sample">
            <caption>{t('contacts.sample.caption', { count: p.sample.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contacts.sample.row')}</th>
                <th scope="col">{t('contacts.field.name')}</th>
                <th scope="col">{t('contacts.field.phone')}</th>
                <th scope="col">{t('contacts.field.position')}</th>
                <th scope="col">{t('contacts.field.groups')}</th>
                <th scope="col">{t('contacts.field.tags')}</th>
                <th scope="col">{t('contacts.field.email')}</th>
              </tr>
            </thead>
            <tbody>
              {p.sample.map((r) => (
                <tr key={r.row} data-testid={ids.sampleRow(r.row)}>
                  <td>{r.row}</td>
                  <td>{r.name}</td>
                  <td className="nowrap">{r.phone}</td>
                  <td>{r.position ?? ''}</td>
                  <td>{r.groups.join('; ')}</td>
                  <td>{r.tags.map((x) => `#${x}`).join(' ')}</td>
                  <td>{r.email ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
