// The history tab: the search with its results, or one view opened from a result, the feed or
// the board. The search stays mounted (hidden) under a view, so Back returns to the same
// results and scroll position.
import { useCallback, useState } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import type { MessageFilter } from '../../../shared/protocol/index.js';
import { ExportBar } from './ExportBar.js';
import { emptyForm, toFilter, type FilterForm } from './filter.js';
import { HistoryViewPane } from './HistoryViewPane.js';
import { HitRow } from './HitRow.js';
import { SearchForm } from './SearchForm.js';
import { historyTestIds as ids } from './testids.js';
import { usePages } from './usePages.js';

const PAGE = 50;

function SearchPane() {
  const t = useT();
  const station = useStation();
  const [form, setForm] = useState<FilterForm>(emptyForm);
  // The filter last searched (what the results and "export this selection" mean); the newest
  // messages are listed until the dispatcher searches.
  const [applied, setApplied] = useState<MessageFilter>({});
  const key = JSON.stringify(applied);
  const fetchPage = useCallback(
    (cursor: string | null) => station.request!('history.search', { filter: applied, limit: PAGE, cursor, order: 'desc' }),
    [station, applied],
  );
  const pages = usePages(key, fetchPage);
  const search = (f: FilterForm) => setApplied(toFilter(f));

  return (
    <div className="history-search">
      <SearchForm form={form} onChange={setForm} onSearch={search} />
      <ExportBar filter={applied} />
      {pages.error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {pages.error}
        </p>
      ) : null}
      <p className="muted history-count" role="status" aria-live="polite">
        {pages.loading && pages.hits.length === 0
          ? t('history.loading')
          : t(pages.more ? 'history.countMore' : 'history.count', { count: pages.hits.length })}
      </p>
      {!pages.loading && !pages.error && pages.hits.length === 0 ? (
        <p className="empty" data-testid={ids.empty}>
          {t('history.empty')}
        </p>
      ) : null}
      <ol className="history-results" data-testid={ids.results} data-count={pages.hits.length} data-more={pages.more} aria-busy={pages.loading}>
        {pages.hits.map((h) => (
          <HitRow key={h.id} hit={h} />
        ))}
      </ol>
      {pages.more ? (
        <button type="button" className="button history-more" disabled={pages.loading} onClick={pages.loadMore} data-testid={ids.more}>
          {pages.loading ? t('history.loading') : t('history.more')}
        </button>
      ) : null}
    </div>
  );
}

export function HistoryScreen() {
  const view = useAppStore((s) => s.records.view);
  return (
    <>
      <div hidden={view !== null} className="history-pane">
        <SearchPane />
      </div>
      {view ? <HistoryViewPane view={view} /> : null}
    </>
  );
}
