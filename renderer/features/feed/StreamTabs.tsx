// Streams as tabs: everything, replies, then one per #tag, each with its unread replies. A
// tablist with one tab stop: arrows, Home and End move along it (WAI-ARIA tabs pattern). When the
// tabs do not fit the column (1366 px, many tags), the strip scrolls and a "streams" menu at its
// end lists them all with their unread counts, so none is out of reach.
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Popover } from '../../ui/Popover.js';
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

  const strip = useRef<HTMLDivElement>(null);
  const overflowing = useOverflow(strip, streams.length);
  const label = (stream: FeedStream) => (stream === 'all' ? t('feed.filter.all') : stream === 'replies' ? t('feed.filter.replies') : stream);
  // The chosen tab comes into view within the strip (the strip scrolls, nothing else: a page
  // scroll would also move where Tab starts from).
  useLayoutEffect(() => {
    const el = strip.current;
    const tab = document.getElementById(streamTabId(active));
    if (!el || !tab || tab.parentElement !== el) return;
    const left = tab.offsetLeft - el.offsetLeft;
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (left + tab.offsetWidth > el.scrollLeft + el.clientWidth) el.scrollLeft = left + tab.offsetWidth - el.clientWidth;
  }, [active]);

  return (
    <div className="stream-bar">
    <div ref={strip} className="stream-tabs" role="tablist" aria-label={t('feed.streams')} onKeyDown={onKeyDown}>
      {streams.map((stream, i) => {
        const selected = stream === active;
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
            {label(stream)}
            {n > 0 ? (
              <span className="unread-badge" aria-label={t('feed.unread', { count: n })}>
                {n > 999 ? '999+' : n}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
      {overflowing ? (
        <Popover label={t('feed.allStreams', { count: streams.length })} title={t('feed.streams')} testId={feedTestIds.streamMenu} className="popover-end">
          <ul className="stream-menu">
            {streams.map((stream, i) => (
              <li key={stream}>
                <button
                  type="button"
                  className={`button small ghost ${stream === active ? 'current' : ''}`}
                  aria-current={stream === active}
                  onClick={() => setStream(stream)}
                  data-testid={feedTestIds.streamMenuItem(stream)}
                >
                  {label(stream)}
                  {unread[i]! > 0 ? <span className="unread-badge">{unread[i]! > 999 ? '999+' : unread[i]}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </Popover>
      ) : null}
    </div>
  );
}

/** Whether the strip's tabs are wider than the strip (re-checked when it resizes or tabs change). */
function useOverflow(strip: RefObject<HTMLDivElement | null>, count: number): boolean {
  const [over, setOver] = useState(false);
  useLayoutEffect(() => {
    const el = strip.current;
    if (!el) return;
    const check = () => setOver(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, [strip, count]);
  return over;
}
