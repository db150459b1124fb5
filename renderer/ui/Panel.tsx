// A titled region of the control room: a landmark with an accessible name from its heading.
import { useId, type ReactNode } from 'react';

export function Panel(props: {
  title: string;
  testId: string;
  className?: string;
  /** Controls at the right of the heading (filters, clear buttons). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className={`panel ${props.className ?? ''}`} aria-labelledby={headingId} data-testid={props.testId}>
      <header className="panel-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions ? <div className="panel-actions">{props.actions}</div> : null}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}
