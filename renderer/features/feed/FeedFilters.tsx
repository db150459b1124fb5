// The feed's filters in a popover beside the streams: direction, status, group, replies the
// station could not match. The button shows how many are on; "clear" puts them all back.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Popover } from '../../ui/Popover.js';
import { visibleRows } from '../groups/tree.js';
import { feedTestIds } from './testids.js';
import { NO_FILTERS, STATUS_BUCKETS, activeFilterCount, type FeedFilters as Filters } from './view.js';

export function FeedFilters() {
  const t = useT();
  const { filters, set } = useAppStore(useShallow((s) => ({ filters: s.feed.filters, set: s.setFeedFilters })));
  // The whole tree, open: a filter must reach any group, collapsed in the panel or not.
  const groups = useAppStore((s) => s.directory.groups);
  const rows = useMemo(() => visibleRows(groups, {}), [groups]);
  const n = activeFilterCount({ ...filters, broadcast: null });
  return (
    <Popover
      title={t('feed.filters')}
      testId={feedTestIds.filters}
      label={n > 0 ? t('feed.filtersOn', { count: n }) : t('feed.filters')}
      buttonClassName={`button small ${n > 0 ? 'active' : 'ghost'}`}
    >
      <div className="filter-grid">
        <label className="field">
          <span>{t('feed.filter.direction')}</span>
          <select value={filters.direction} onChange={(e) => set({ direction: e.target.value as Filters['direction'] })} data-testid={feedTestIds.filterDirection}>
            <option value="any">{t('feed.filter.any')}</option>
            <option value="in">{t('feed.filter.in')}</option>
            <option value="out">{t('feed.filter.out')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('feed.filter.status')}</span>
          <select value={filters.status} onChange={(e) => set({ status: e.target.value as Filters['status'] })} data-testid={feedTestIds.filterStatus}>
            <option value="any">{t('feed.filter.any')}</option>
            {STATUS_BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`feed.bucket.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('feed.filter.group')}</span>
          <select
            value={filters.group ?? ''}
            onChange={(e) => set({ group: e.target.value === '' ? null : Number(e.target.value) })}
            data-testid={feedTestIds.filterGroup}
          >
            <option value="">{t('feed.filter.anyGroup')}</option>
            {rows.map(({ group, depth }) => (
              <option key={group.id} value={group.id}>
                {'\u00a0\u00a0'.repeat(depth) + group.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.unmatched} onChange={(e) => set({ unmatched: e.target.checked })} data-testid={feedTestIds.filterUnmatched} />
          <span>{t('feed.filter.unmatched')}</span>
        </label>
      </div>
      <button type="button" className="button small" disabled={n === 0} onClick={() => set({ ...NO_FILTERS, broadcast: filters.broadcast })} data-testid={feedTestIds.filterClear}>
        {t('feed.filter.clear')}
      </button>
    </Popover>
  );
}
