// The list of shortcuts, as a modal dialog: focus moves into it, Esc or the button closes it
// and focus goes back where it was.
import { useEffect, useRef } from 'react';
import { useT } from './i18n/index.js';
import { SHORTCUTS } from './shortcuts.js';
import { shellTestIds } from './testids.js';

export function ShortcutHelp(props: { onClose: () => void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="overlay" onClick={props.onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        data-testid={shellTestIds.shortcutHelp}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === 'Tab') {
            // One control inside: Tab stays on it, Esc closes.
            e.preventDefault();
            if (e.key === 'Escape') props.onClose();
          }
        }}
      >
        <h2 id="shortcut-help-title">{t('shortcuts.title')}</h2>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{t(s.label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button" ref={closeRef} onClick={props.onClose}>
          {t('shortcuts.closeButton')}
        </button>
      </div>
    </div>
  );
}
