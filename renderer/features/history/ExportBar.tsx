// Excel export of everything or of what the filter shows: started here, followed by the
// station's `history.export.progress` events (kept in the store), cancellable, then a link.
// The file is written in the desk's time zone so the dates read as the dispatcher lived them.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageFilter } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { isEverything } from './filter.js';
import { localTimeZone } from './format.js';
import { historyTestIds as ids } from './testids.js';

/**
 * Fetches the finished file through a one-use ticket the station gives this session: a link cannot
 * carry a header, and the session token must never sit in a URL (history, proxies, logs).
 */
function follow(url: string, fileName: string | null): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function ExportBar(props: { filter: MessageFilter; filterLabel?: string }) {
  const t = useT();
  const station = useStation();
  const { job, locale, exportStarted, exportCleared } = useAppStore(
    useShallow((s) => ({ job: s.records.exportJob, locale: s.prefs.locale, exportStarted: s.exportStarted, exportCleared: s.exportCleared })),
  );
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const running = job?.state === 'running';

  const start = async (filter: MessageFilter) => {
    setError(null);
    setStarting(true);
    try {
      const timeZone = localTimeZone();
      const r = await station.request!('history.export.start', { filter, locale, ...(timeZone ? { timeZone } : {}) });
      exportStarted(r.exportId, r.total);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setStarting(false);
    }
  };
  const download = async () => {
    if (!job) return;
    setError(null);
    try {
      const { url } = await station.request!('export.ticket', { exportId: job.exportId });
      follow(url, job.fileName);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const cancel = async () => {
    if (!job) return;
    try {
      await station.request!('history.export.cancel', { exportId: job.exportId });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const percent = job && job.total > 0 ? Math.min(100, Math.round((job.rows / job.total) * 100)) : 0;
  return (
    <div className="history-export" aria-label={t('history.export.heading')} role="group">
      <button type="button" className="button" disabled={running || starting} onClick={() => void start({})} data-testid={ids.exportAll}>
        {t('history.export.all')}
      </button>
      {!isEverything(props.filter) ? (
        <button type="button" className="button" disabled={running || starting} onClick={() => void start(props.filter)} data-testid={ids.exportFiltered}>
          {props.filterLabel ?? t('history.export.filtered')}
        </button>
      ) : null}
      {job ? (
        <div className="history-export-status" data-testid={ids.exportStatus} data-state={job.state} role="status">
          {job.state === 'running' ? (
            <>
              <progress
                max={100}
                value={percent}
                aria-label={t('history.export.progressLabel')}
                aria-valuetext={t('history.export.rows', { rows: job.rows, total: job.total })}
                data-testid={ids.exportProgress}
              />
              <span>{t('history.export.rows', { rows: job.rows, total: job.total })}</span>
              <button type="button" className="button small" onClick={() => void cancel()} data-testid={ids.exportCancel}>
                {t('history.export.cancel')}
              </button>
            </>
          ) : job.state === 'done' ? (
            <>
              <button type="button" className="button primary" onClick={() => void download()} data-testid={ids.exportDownload}>
                {t('history.export.download', { name: job.fileName ?? '' })}
              </button>
              <span className="muted">{t('history.export.done', { rows: job.rows })}</span>
            </>
          ) : job.state === 'cancelled' ? (
            <span className="muted">{t('history.export.cancelled')}</span>
          ) : (
            <span className="form-error">{job.error ?? t('history.export.failed')}</span>
          )}
          {job.state !== 'running' ? (
            <button type="button" className="button small ghost" onClick={exportCleared} aria-label={t('history.export.dismiss')}>
              ×
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
