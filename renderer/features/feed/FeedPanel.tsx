// The live feed, virtualised: only the rows on screen are in the DOM, so 100,000 items cost
// what 20 do (fixed-height rows, see ui/useFixedWindow.ts). Streams as tabs above it (all, replies, one per #tag, each with its unread count),
// filters in a popover. New items go on top; when the dispatcher has scrolled down to read,
// the view is held in place instead of being pushed away by arrivals.
import { useCallback, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { useFixedWindow } from '../../ui/useFixedWindow.js';
import { useHeldList } from '../../ui/useHeldList.js';
import { FeedFilters } from './FeedFilters.js';
import { FEED_ROW_HEIGHT, FeedRow } from './FeedRow.js';
import { useFeedIds } from './selectors.js';
import { FEED_TABPANEL_ID, StreamTabs, streamTabId } from './StreamTabs.js';
import { feedTestIds } from './testids.js';
import { useHoldScroll } from './useHoldScroll.js';

/** The broadcast the feed is narrowed to, with a way back to everything. */
function BroadcastFilter() {
  const t = useT();
  const { broadcast, show } = useAppStore(useShallow((s) => ({ broadcast: s.feed.filters.broadcast, show: s.showBroadcastInFeed })));
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

export function FeedPanel() {
  const t = useT();
  const live = useFeedIds();
  // Under the pointer the rows stay put (a "Reply" must answer the person aimed at); arrivals wait.
  const held = useHeldList(live);
  const ids = held.ids;
  const { stream, filters } = useAppStore(useShallow((s) => ({ stream: s.feed.stream, filters: s.feed.filters })));
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useFixedWindow(scroller, ids.length, FEED_ROW_HEIGHT);
  const hold = useHoldScroll(scroller, ids, FEED_ROW_HEIGHT);
  const { onScroll } = hold;
  const unseen = hold.unseen + held.waiting;
  const { release } = held;
  const toTop = useCallback(() => {
    release();
    hold.toTop();
  }, [release, hold.toTop]);
  // Another stream or filter is another list: start it at its newest item.
  useEffect(() => toTop(), [stream, filters, toTop]);

  const actions = (
    <>
      <span className="muted feed-count" data-testid={feedTestIds.count} data-count={live.length}>
        {t('feed.count', { count: live.length })}
      </span>
      <BroadcastFilter />
      <FeedFilters />
    </>
  );

  return (
    <Panel title={t('feed.heading')} testId={feedTestIds.panel} className="panel-feed" actions={actions}>
      <StreamTabs />
      <div className="feed-body" id={FEED_TABPANEL_ID} role="tabpanel" aria-labelledby={streamTabId(stream)}>
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
          {...held.bind}
          className="feed-scroll"
          data-testid={feedTestIds.list}
          tabIndex={0}
          // Focusable so arrows and PageDown scroll it; a group so its name is allowed.
          role="group"
          aria-label={t('feed.heading')}
          onScroll={() => {
            onScroll();
            rows.onScroll();
          }}
        >
          <ul className="feed-list" style={{ height: rows.totalHeight }}>
            {ids.slice(rows.start, rows.end).map((id, i) => (
              <FeedRow key={id} id={id} top={(rows.start + i) * FEED_ROW_HEIGHT} index={rows.start + i} count={ids.length} />
            ))}
          </ul>
        </div>
      </div>
    </Panel>
  );
}
