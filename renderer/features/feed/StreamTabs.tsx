// Streams as tabs: everything, replies, then one per #tag, each with its unread replies. A
// tablist with one tab stop: arrows, Home and End move along it (WAI-ARIA tabs pattern).
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { useTagStreams, useUnreadCounts } from './selectors.js';
import { feedTestIds } from './testids.js';
import type { FeedStream } from './view.js';

export const FEED_TABPANEL_ID = 'feed-tabpanel';

export function streamTabId(stream: FeedStream): string {
  return `feed-tab-${encodeURIComponent(stream)}`;
}

export function useAllStreams(): FeedStream[] {
  const tags = useTagStreams();
  return ['all', 'replies', ...tags];
}

export function StreamTabs() {
  const t = useT();
  const streams = useAllStreams();
  const unread = useUnreadCounts(streams);
  const { active, setStream } = useAppStore(useShallow((s) => ({ active: s.feed.stream, setStream: s.setStream })));

  const go = (stream: FeedStream) => {
    setStream(stream);
    document.getElementById(streamTabId(stream))?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = streams.indexOf(active);
    const to =
      e.key === 'ArrowRight' ? streams[(i + 1) % streams.length]
      : e.key === 'ArrowLeft' ? streams[(i - 1 + streams.length) % streams.length]
      : e.key === 'Home' ? streams[0]
      : e.key === 'End' ? streams[streams.length - 1]
      : undefined;
    if (!to) return;
    e.preventDefault();
    go(to);
  };

  return (
    <div className="stream-tabs" role="tablist" aria-label={t('feed.streams')} onKeyDown={onKeyDown}>
      {streams.map((stream, i) => {
        const selected = stream === active;
        const label = stream === 'all' ? t('feed.filter.all') : stream === 'replies' ? t('feed.filter.replies') : stream;
        const n = unread[i]!;
        return (
          <button
            key={stream}
            id={streamTabId(stream)}
            type="button"
            role="tab"
            className="stream-tab"
            aria-selected={selected}
            aria-controls={FEED_TABPANEL_ID}
            tabIndex={selected ? 0 : -1}
            onClick={() => setStream(stream)}
            data-testid={stream === 'all' ? feedTestIds.filterAll : stream === 'replies' ? feedTestIds.filterReplies : feedTestIds.stream(stream.slice(1))}
            data-unread={n}
          >
            {label}
            {n > 0 ? (
              <span className="unread-badge" aria-label={t('feed.unread', { count: n })}>
                {n > 999 ? '999+' : n}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
