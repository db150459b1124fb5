// The less frequent screens (carriers, administration, integrations, history…) as a row of tabs
// along the bottom edge. Each child is a folded <details class="panel"> that owns its contents;
// opened, its body rises as a sheet over the control room instead of pushing it up, so at
// 1366×768 the control room keeps its full height. One sheet at a time; Esc folds it.
// To add a screen, mount its panel as one more child in Shell.tsx.
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from './i18n/index.js';
import { shellTestIds } from './testids.js';

export function Dock(props: { children: ReactNode }) {
  const t = useT();
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    // 'toggle' does not bubble; capture sees every panel's.
    const onToggle = (e: Event) => {
      const opened = e.target as HTMLDetailsElement;
      if (!(opened instanceof HTMLDetailsElement) || !opened.open || opened.parentElement !== el) return;
      for (const other of el.querySelectorAll<HTMLDetailsElement>(':scope > details[open]')) if (other !== opened) other.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // Escape in a dialog opened from a sheet closes the dialog, not the sheet under it.
      if (e.target instanceof Element && e.target.closest('[aria-modal="true"]')) return;
      const open = el.querySelector<HTMLDetailsElement>(':scope > details[open]');
      if (!open) return;
      open.open = false;
      open.querySelector<HTMLElement>(':scope > summary')?.focus();
    };
    el.addEventListener('toggle', onToggle, true);
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('toggle', onToggle, true);
      el.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <nav className="dock" aria-label={t('layout.dock')} ref={root} data-testid={shellTestIds.dock}>
      {props.children}
    </nav>
  );
}
