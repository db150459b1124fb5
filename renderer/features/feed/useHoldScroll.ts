// Keep the rows under the reader's eyes when items arrive above them, and count the arrivals
// they have not seen yet; scrolling back to the top clears the count.
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function useHoldScroll(scroller: RefObject<HTMLDivElement | null>, ids: readonly number[], rowHeight: number) {
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
    // Newest first: the old top is usually within the first few hundred entries.
    const shifted = ids.indexOf(before);
    if (shifted > 0) {
      scrolled.current += shifted * rowHeight;
      el.scrollTop = scrolled.current;
      setUnseen((n) => n + shifted);
    }
  }, [scroller, ids, rowHeight]);
  const onScroll = useCallback(() => {
    scrolled.current = scroller.current?.scrollTop ?? 0;
    if (scrolled.current <= 0) setUnseen(0);
  }, [scroller]);
  const toTop = useCallback(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    scrolled.current = 0;
    setUnseen(0);
  }, [scroller]);
  return { unseen, onScroll, toTop };
}
