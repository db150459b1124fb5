// Which rows of a fixed-height list are on screen. With every row the same height, row i starts
// at i × height, so the window is two divisions per scroll and nothing per item: the feed grows
// by ten items a batch at 100,000 without any per-item bookkeeping. (A general virtualiser such
// as @tanstack/react-virtual keeps an offset per item and rebuilt all 100,000 of them on every
// batch: 10 ms each time and the bench's long tasks.)
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First and one-past-last index to render, overscan included. */
  start: number;
  end: number;
  totalHeight: number;
  /** Call from the scroller's onScroll. */
  onScroll(): void;
}

export function useFixedWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8): RowWindow {
  const [first, setFirst] = useState(0);
  // jsdom and the first paint have no layout yet: assume a modest viewport until measured.
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || el.offsetHeight || 600);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller]);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    // Only a new first row re-renders; pixel scrolling between rows costs nothing.
    if (el) setFirst(Math.floor(el.scrollTop / rowHeight));
  }, [scroller, rowHeight]);
  const visible = Math.ceil(height / rowHeight) + 1;
  return {
    start: Math.max(0, Math.min(first, count) - overscan),
    end: Math.min(count, first + visible + overscan),
    totalHeight: count * rowHeight,
    onScroll,
  };
}
