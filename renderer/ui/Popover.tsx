// A button that opens a small non-modal panel under it (filters, desk settings). Focus moves
// into the panel; Esc, a click outside or the button again closes it and focus goes back.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function Popover(props: {
  /** The button's face (text, maybe a count). */
  label: ReactNode;
  /** The panel's accessible name. */
  title: string;
  testId: string;
  className?: string;
  buttonClassName?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('input, select, button, [tabindex="0"]')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className={`popover ${props.className ?? ''}`} ref={root}>
      <button
        ref={button}
        type="button"
        className={props.buttonClassName ?? 'button small ghost'}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid={props.testId}
      >
        {props.label}
      </button>
      {open ? (
        <div
          id={id}
          ref={panel}
          className="popover-panel"
          role="dialog"
          aria-label={props.title}
          data-testid={`${props.testId}-panel`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          {props.children}
        </div>
      ) : null}
    </div>
  );
}
