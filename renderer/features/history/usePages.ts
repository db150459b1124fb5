// Cursor paging shared by the search and the views: the first page when the key changes, the
// next on demand. An answer to an older key (the dispatcher typed again meanwhile) is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageHit } from '../../../shared/protocol/index.js';
import { messageOf } from '../../app/station-bridge.js';

export interface Page {
  hits: MessageHit[];
  next: string | null;
}

export interface Pages<P extends Page> {
  hits: MessageHit[];
  /** The first page's answer (a view's header: contact, group, tag). */
  first: P | null;
  more: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
  reload(): void;
}

/** `key` null: nothing to ask yet. */
export function usePages<P extends Page>(key: string | null, fetchPage: (cursor: string | null) => Promise<P>): Pages<P> {
  const [state, setState] = useState<{ hits: MessageHit[]; first: P | null; next: string | null; loading: boolean; error: string | null }>({
    hits: [],
    first: null,
    next: null,
    loading: false,
    error: null,
  });
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const mine = ++generation.current;
    if (key === null) {
      setState({ hits: [], first: null, next: null, loading: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchRef.current(null).then(
      (page) => {
        if (generation.current === mine) setState({ hits: page.hits, first: page, next: page.next, loading: false, error: null });
      },
      (e: unknown) => {
        if (generation.current === mine) setState({ hits: [], first: null, next: null, loading: false, error: messageOf(e) });
      },
    );
  }, [key, reloads]);

  // The latest state for loadMore, read outside a setState updater (updaters must stay pure).
  const current = useRef(state);
  current.current = state;

  const loadMore = useCallback(() => {
    const mine = generation.current;
    const s = current.current;
    if (s.loading || !s.next) return;
    current.current = { ...s, loading: true };
    setState((t) => ({ ...t, loading: true, error: null }));
    fetchRef.current(s.next).then(
      (page) => {
        if (generation.current !== mine) return;
        setState((t) => {
          // Ids already shown are skipped: a page boundary must never show a message twice.
          const seen = new Set(t.hits.map((h) => h.id));
          return { ...t, hits: [...t.hits, ...page.hits.filter((h) => !seen.has(h.id))], next: page.next, loading: false };
        });
      },
      (e: unknown) => {
        if (generation.current === mine) setState((t) => ({ ...t, loading: false, error: messageOf(e) }));
      },
    );
  }, []);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  return { hits: state.hits, first: state.first, more: state.next !== null, loading: state.loading, error: state.error, loadMore, reload };
}
