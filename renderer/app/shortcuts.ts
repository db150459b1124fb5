// Keyboard shortcuts for the frequent moves. Alt+digit jumps between panels (Alt, because
// plain digits must stay typeable and Ctrl+digit switches browser tabs); "?" opens the list.
// Ctrl+Enter (send) lives on the text area itself.
import { useEffect } from 'react';
import { groupsTestIds } from '../features/groups/testids.js';
import { COMPOSE_TEXT_ID } from '../features/compose/testids.js';
import { feedTestIds } from '../features/feed/testids.js';
import { boardTestIds } from '../features/board/testids.js';
import type { MessageKey } from './i18n/index.js';

export interface Shortcut {
  keys: string;
  label: MessageKey;
}

/** What the help overlay lists, in order. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Alt+1', label: 'shortcuts.groups' },
  { keys: 'Alt+2', label: 'shortcuts.compose' },
  { keys: 'Alt+3', label: 'shortcuts.board' },
  { keys: 'Alt+4', label: 'shortcuts.feed' },
  { keys: 'Ctrl+Enter', label: 'shortcuts.send' },
  { keys: '[ ]', label: 'shortcuts.streams' },
  { keys: 'Shift+R', label: 'shortcuts.markRead' },
  { keys: 'F', label: 'shortcuts.filters' },
  { keys: '?', label: 'shortcuts.help' },
  { keys: 'Esc', label: 'shortcuts.close' },
];

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), textarea, select, [tabindex="0"]';

function focusIn(selector: string): void {
  const root = document.querySelector(selector);
  const target = root?.matches(FOCUSABLE) ? root : root?.querySelector(FOCUSABLE);
  (target as HTMLElement | null | undefined)?.focus();
}

const JUMPS: Record<string, () => void> = {
  Digit1: () => focusIn(`[data-testid="${groupsTestIds.panel}"] .panel-body`),
  Digit2: () => document.getElementById(COMPOSE_TEXT_ID)?.focus(),
  Digit3: () => focusIn(`[data-testid="${boardTestIds.panel}"] .panel-body`),
  Digit4: () => focusIn(`[data-testid="${feedTestIds.list}"]`),
};

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox');
}

/** Keys that act on the feed when nobody is typing: streams back and forth, mark read, filters. */
export interface FeedKeys {
  stepStream(delta: 1 | -1): void;
  markRead(): void;
}

function feedKey(e: KeyboardEvent, feed: FeedKeys): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey) return false;
  // Physical keys (e.code), so they sit in the same place in the Russian layout (х ъ, К, А).
  if (e.code === 'BracketLeft' || e.code === 'BracketRight') feed.stepStream(e.code === 'BracketRight' ? 1 : -1);
  else if (e.code === 'KeyR' && e.shiftKey) feed.markRead();
  else if (e.code === 'KeyF' && !e.shiftKey) document.querySelector<HTMLElement>(`[data-testid="${feedTestIds.filters}"]`)?.click();
  else return false;
  return true;
}

export function useShortcuts(openHelp: () => void, feed: FeedKeys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // e.code, not e.key: Alt+1 must work in the Russian layout too.
      if (e.altKey && !e.ctrlKey && !e.metaKey && JUMPS[e.code]) {
        e.preventDefault();
        JUMPS[e.code]!();
        return;
      }
      if (typingIn(e.target) || (e.target instanceof HTMLElement && e.target.closest('[role="dialog"]'))) return;
      if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        openHelp();
      } else if (feedKey(e, feed)) {
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openHelp, feed]);
}
