// A small modal dialog: the rest of the page is out of reach while it is open (Tab stays inside,
// Escape closes), focus goes to `initialFocus` (else the first control) and returns to whatever
// opened it. Not <dialog>.showModal(): jsdom lacks it, and the component tests must see the same.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './modal.css';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function Modal(props: {
  title: string;
  testId: string;
  onClose: () => void;
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes on close when the opener is gone (a revoked key's row loses its button). */
  fallbackFocus?: RefObject<HTMLElement | null>;
  /** Shown as the dialog's description (a warning, what will happen). */
  describedBy?: string;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = props.initialFocus?.current ?? box.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const fallback = props.fallbackFocus;
    return () => (opener && opener !== document.body && opener.isConnected ? opener : fallback?.current)?.focus?.();
    // Only on open and close: re-running would steal focus from what the user is typing in.
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose.current();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    // No close on a backdrop click: a stray click must not throw away a key shown once.
    <div className="modal-backdrop">
      <div
        ref={box}
        className="modal"
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={props.describedBy}
        data-testid={props.testId}
        onKeyDown={onKeyDown}
      >
        <h3 id={titleId} className="modal-title">
          {props.title}
        </h3>
        {props.children}
      </div>
    </div>
  );
}
