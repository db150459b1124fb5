// Rows must not move under the pointer: a click 80 ms after new items appeared at the top once
// landed on the row that had been below the one aimed at. While the pointer moves over a list (or
// focus is inside it), the list keeps the rows it showed; newer ones wait, counted, until the
// pointer leaves, rests a moment (a hand resting on the mouse must not freeze the feed), or the
// dispatcher asks to see them. Rows already shown still update in place.
// For lists of ids, newest (highest) first, as the board and the feed keep them.
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';

/** A pointer that has not moved for this long is resting, not aiming: the list may move again. */
export const HOLD_IDLE_MS = 1_500;

export interface HeldList {
  /** What to render. */
  ids: readonly number[];
  /** Newer ids waiting while the list is held. */
  waiting: number;
  held: boolean;
  /** Spread on the list's container. */
  bind: {
    onPointerEnter(): void;
    onPointerMove(): void;
    onPointerLeave(): void;
    onFocus(): void;
    onBlur(e: FocusEvent<HTMLElement>): void;
  };
  /** Show everything now (the "N new" button, a change of stream or filter). */
  release(): void;
}

/** How many ids of `live` (descending) are newer than `newest`. */
function newerThan(live: readonly number[], newest: number): number {
  let lo = 0;
  let hi = live.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (live[mid]! > newest) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function useHeldList(live: readonly number[]): HeldList {
  const [hold, setHold] = useState<{ pointer: boolean; focus: boolean }>({ pointer: false, focus: false });
  // The newest id shown when the hold began (null: none yet); everything at or below it stays.
  const newest = useRef<number | null>(null);
  const [, rerender] = useState(0);
  const liveRef = useRef(live);
  liveRef.current = live;
  const held = hold.pointer || hold.focus;

  // The same state back when nothing changes: a pointer moving over the list re-renders nothing.
  const same = (h: typeof hold, patch: Partial<typeof hold>) => (patch.pointer ?? h.pointer) === h.pointer && (patch.focus ?? h.focus) === h.focus;
  const start = useCallback((patch: Partial<typeof hold>) => {
    setHold((h) => {
      if (same(h, patch)) return h;
      if (!h.pointer && !h.focus) newest.current = liveRef.current[0] ?? null;
      return { ...h, ...patch };
    });
  }, []);
  const end = useCallback((patch: Partial<typeof hold>) => setHold((h) => (same(h, patch) ? h : { ...h, ...patch })), []);
  const release = useCallback(() => {
    newest.current = liveRef.current[0] ?? null;
    rerender((n) => n + 1);
  }, []);

  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (idle.current) clearTimeout(idle.current);
  }, []);
  const moved = useCallback(() => {
    start({ pointer: true });
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(() => end({ pointer: false }), HOLD_IDLE_MS);
  }, [start, end]);

  const bind = useMemo(
    () => ({
      onPointerEnter: moved,
      onPointerMove: moved,
      onPointerLeave: () => {
        if (idle.current) clearTimeout(idle.current);
        end({ pointer: false });
      },
      onFocus: () => start({ focus: true }),
      onBlur: (e: FocusEvent<HTMLElement>) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) end({ focus: false });
      },
    }),
    [start, end, moved],
  );

  // An empty list has nothing to push down: its first arrival shows, and the hold starts there.
  if (held && newest.current === null && live.length > 0) newest.current = live[0]!;
  const waiting = held && newest.current !== null ? newerThan(live, newest.current) : 0;
  // Cut the newer ids off the top; when nothing waits, the live list itself (no copy).
  const ids = useMemo(() => (waiting === 0 ? live : live.slice(waiting)), [live, waiting]);
  return { ids, waiting, held, bind, release };
}
