// The draft survives a reload (F5), a lost link and a sign-out: kept in this desk's localStorage
// under the signed-in user, so the next person at the desk starts clean and finds their own
// draft when they come back. Written a moment after each change; read back once per user per
// page, after the snapshot (picks of groups or tags gone meanwhile are dropped then).
// The send's reference goes with it: Send pressed again after a reload is the same click, and
// the station stores it once.
import type { useAppStore } from '../../app/store.js';
import { draftOf, isBlank, type SavedDraft } from './slice.js';

type Store = typeof useAppStore;

const KEY_PREFIX = 'switchboard.draft.';
const WRITE_DELAY_MS = 300;

export function draftKey(userId: number): string {
  return `${KEY_PREFIX}${userId}`;
}

export function readDraft(userId: number): SavedDraft | null {
  try {
    const raw = globalThis.localStorage?.getItem(draftKey(userId));
    if (!raw) return null;
    const v = JSON.parse(raw) as SavedDraft;
    // A draft written by an older version without one of these is not worth trusting.
    if (typeof v?.draft?.text !== 'string' || !Array.isArray(v.groups) || !Array.isArray(v.tags)) return null;
    return v;
  } catch {
    return null;
  }
}

function writeDraft(userId: number, saved: SavedDraft | null): void {
  try {
    if (saved === null) globalThis.localStorage?.removeItem(draftKey(userId));
    else globalThis.localStorage?.setItem(draftKey(userId), JSON.stringify(saved));
  } catch {
    /* Storage full or disabled: the draft lives on screen only. */
  }
}

function savedOf(s: ReturnType<Store['getState']>): SavedDraft | null {
  const draft = draftOf(s.compose);
  if (isBlank(draft, s.picked, s.pickedTags) && !s.compose.aside && !s.compose.replyingTo) return null;
  return { draft, groups: s.picked, tags: s.pickedTags, replyingTo: s.compose.replyingTo, aside: s.compose.aside, clientRef: s.compose.clientRef };
}

/** Starts keeping drafts; returns a function that stops (and writes what is pending). */
export function keepDrafts(store: Store): () => void {
  let restoredFor: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: (() => void) | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending?.();
    pending = null;
  };
  const unsubscribe = store.subscribe((state, prev) => {
    const user = state.session.user;
    if (state.session.phase !== 'signed-in' || !user) {
      // Signing out: what was typed is already written; nothing of the cleared screen is.
      flush();
      restoredFor = null;
      return;
    }
    if (restoredFor !== user.id) {
      restoredFor = user.id;
      const saved = readDraft(user.id);
      if (saved) state.draftRestored(saved);
      return;
    }
    if (state.compose === prev.compose && state.picked === prev.picked && state.pickedTags === prev.pickedTags) return;
    pending = () => writeDraft(user.id, savedOf(store.getState()));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, WRITE_DELAY_MS);
  });
  const onHide = () => flush();
  globalThis.addEventListener?.('pagehide', onHide);
  return () => {
    flush();
    unsubscribe();
    globalThis.removeEventListener?.('pagehide', onHide);
  };
}
