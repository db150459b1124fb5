// Every bad row with its number as Excel shows it, the column, the value and what to fix; and
// the same as a CSV file for whoever keeps the HR sheet.
import { useId } from 'react';
import type { RowError } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { errorsToCsv, saveBlob } from './files.js';
import { contactsTestIds as ids } from './testids.js';

export function ErrorTable(props: { errors: readonly RowError[]; csv?: string; fileName?: string }) {
  const t = useT();
  const headingId = useId();
  if (props.errors.length === 0) return null;
  const download = () => {
    const csv =
      props.csv ??
      errorsToCsv(props.errors, [t('contacts.errors.row'), t('contacts.errors.column'), t('contacts.errors.value'), t('contacts.errors.reason')]);
    saveBlob(props.fileName ?? t('contacts.errors.fileName'), new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  };
  return (
    <section className="contacts-errors" aria-labelledby={headingId} data-testid={ids.errors} data-count={props.errors.length}>
      <div className="contacts-errors-head">
        <h3 id={headingId}>{t('contacts.errors.heading', { count: props.errors.length })}</h3>
        <button type="button" className="button small" onClick={download} data-testid={ids.errorsCsv}>
          {t('contacts.errors.download')}
        </button>
      </div>
      <div className="contacts-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('contacts.errors.row')}</th>
              <th scope="col">{t('contacts.errors.column')}</th>
              <th scope="col">{t('contacts.errors.value')}</th>
              <th scope="col">{t('contacts.errors.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {props.errors.map((e, i) => (
              <tr key={`${e.row}-${e.column}-${i}`} data-testid={ids.error(e.row, e.column)}>
                <td>{e.row}</td>
                <td>{e.column}</td>
                <td>{e.value}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
