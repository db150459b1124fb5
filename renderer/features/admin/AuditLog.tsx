// The audit log viewer: newest first, a page at a time, filtered by action family.
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { describeAudit } from './audit-detail.js';
import { adminTestIds as ids } from './testids.js';

const PAGE = 50;

/** `refresh` changes after each admin change, so the newest lines show without a reload. */
export function AuditLog(props: { refresh?: number }) {
  const t = useT();
  const station = useStation();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const locale = useAppStore((s) => s.prefs.locale);
  const groups = useAppStore((s) => s.directory.groups);
  const tags = useAppStore((s) => s.directory.tags);
  // Stored in UTC; shown in the desk's local time, in the control room's language.
  const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });

  const load = useCallback(
    async (before?: number) => {
      try {
        const page = await station.request!('audit.list', {
          limit: PAGE,
          ...(before !== undefined ? { before } : {}),
          ...(filter.trim() ? { action: filter.trim() } : {}),
        });
        setEntries((prev) => (before === undefined ? page.entries : [...prev, ...page.entries]));
        setNext(page.next);
        setError(null);
      } catch (e) {
        setError(messageOf(e));
      }
    },
    [station, filter],
  );
  useEffect(() => {
    if (station.request) void load();
  }, [load, station, props.refresh]);

  return (
    <div className="audit" data-testid={ids.audit}>
      <input
        type="search"
        placeholder={t('admin.audit.filter')}
        aria-label={t('admin.audit.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        data-testid={ids.auditFilter}
      />{' '}
      <button type="button" className="button small" onClick={() => void load()} data-testid={ids.auditRefresh}>
        {t('admin.audit.refresh')}
      </button>
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.at')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.target')}</th>
            <th scope="col">{t('admin.audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid={ids.auditRow(e.id)} data-action={e.action}>
              <td>{fmt.format(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target ?? ''}</td>
              <td className="audit-detail" title={e.detail === null ? undefined : JSON.stringify(e.detail)}>
                {describeAudit(e.action, e.detail, { groups, tags }, t)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {next !== null ? (
        <button type="button" className="button" onClick={() => void load(next)} data-testid={ids.auditMore}>
          {t('admin.audit.more')}
        </button>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
    </div>
  );
}
