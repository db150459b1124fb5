// The live feed, virtualised: only the rows on screen are in the DOM, so 100,000 items cost
// what 20 do. New items go on top; when the dispatcher has scrolled down to read, the view is
// held in place instead of being pushed away by arrivals.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { FEED_ROW_HEIGHT, FeedRow } from './FeedRow.js';
import { useFeedIds } from './selectors.js';
import type { FeedFilter } from './slice.js';
import { feedTestIds } from './testids.js';

/** The broadcast the feed is narrowed to, with a way back to everything. */
function BroadcastFilter() {
  const t = useT();
  const { broadcast, show } = useAppStore(useShallow((s) => ({ broadcast: s.feed.broadcast, show: s.showBroadcastInFeed })));
  if (broadcast === null) return null;
  return (
    <span className="chip" data-testid={feedTestIds.broadcastFilter} data-broadcast-id={broadcast}>
      {t('feed.broadcast', { id: broadcast })}
      <button
        type="button"
        className="chip-remove"
        aria-label={t('feed.showAll')}
        onClick={() => show(null)}
        data-testid={feedTestIds.broadcastFilterClear}
      >
        ×
      </button>
    </span>
  );
}

function FilterSwitch() {
  const t = useT();
  const { filter, setFeedFilter } = useAppStore(useShallow((s) => ({ filter: s.feed.filter, setFeedFilter: s.setFeedFilter })));
  const option = (value: FeedFilter, testId: string) => (
    <button
      type="button"
      className={`segmented-item ${filter === value ? 'active' : ''}`}
      aria-pressed={filter === value}
      onClick={() => setFeedFilter(value)}
      data-testid={testId}
    >
      {t(value === 'all' ? 'feed.filter.all' : 'feed.filter.replies')}
    </button>
  );
  return (
    <div className="segmented" role="group" aria-label={t('feed.filter')}>
      {option('all', feedTestIds.filterAll)}
      {option('replies', feedTestIds.filterReplies)}
    </div>
  );
}

/**
 * Keep the rows under the reader's eyes when items arrive above them, and count the arrivals
 * they have not seen yet; scrolling back to the top clears the count.
 */
function useHoldScroll(scroller: RefObject<HTMLDivElement | null>, ids: number[]) {
  const previousTop = useRef<number | undefined>(undefined);
  // The scroll position as of the last scroll event: reading el.scrollTop right after React
  // changed the rows would force a synchronous layout on every batch.
  const scrolled = useRef(0);
  const [unseen, setUnseen] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = previousTop.current;
    previousTop.current = ids[0];
    if (!el || before === undefined || ids[0] === before || scrolled.current <= 0) return;
    const shifted = ids.indexOf(before);
    if (shifted > 0) {
      scrolled.current += shifted * FEED_ROW_HEIGHT;
      el.scrollTop = scrolled.current;
      setUnseen((n) => n + shifted);
    }
  }, [scroller, ids]);
  const onScroll = useCallback(() => {
    scrolled.current = scroller.current?.scrollTop ?? 0;
    if (scrolled.current <= 0) setUnseen(0);
  }, [scroller]);
  const toTop = useCallback(() => {
    scroller.current?.scrollTo({ top: 0 });
    scrolled.current = 0;
    setUnseen(0);
  }, [scroller]);
  return { unseen, onScroll, toTop };
}

export function FeedPanel() {
  const t = useT();
  const ids = useFeedIds();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => FEED_ROW_HEIGHT,
    getItemKey: (index) => ids[index]!,
    overscan: 8,
    // jsdom and the first paint have no layout yet; assume a modest viewport until measured.
    initialRect: { width: 400, height: 600 },
  });
  const { unseen, onScroll, toTop } = useHoldScroll(scroller, ids);

  const actions = (
    <>
      <span className="muted" data-testid={feedTestIds.count} data-count={ids.length}>
        {t('feed.count', { count: ids.length })}
      </span>
      <BroadcastFilter />
      <FilterSwitch />
    </>
  );

  return (
    <Panel title={t('feed.heading')} testId={feedTestIds.panel} className="panel-feed" actions={actions}>
      {ids.length === 0 ? (
        <p className="empty" data-testid={feedTestIds.empty}>
          {t('feed.empty')}
        </p>
      ) : null}
      {unseen > 0 ? (
        <button type="button" className="feed-new" onClick={toTop} data-testid={feedTestIds.newItems} data-count={unseen}>
          {t('feed.newItems', { count: unseen })}
        </button>
      ) : null}
      <div
        ref={scroller}
        className="feed-scroll"
        data-testid={feedTestIds.list}
        tabIndex={0}
        aria-label={t('feed.heading')}
        onScroll={onScroll}
      >
        <ul className="feed-list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <FeedRow key={item.key} id={ids[item.index]!} top={item.start} index={item.index} count={ids.length} />
          ))}
        </ul>
      </div>
    </Panel>
  );
}
