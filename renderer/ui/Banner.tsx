// A full-width notice under the header. "danger" is announced at once (role=alert); "warning"
// and "info" politely, so a flapping carrier doesn't drown the screen reader.
import type { ReactNode } from 'react';

export function Banner(props: { tone: 'danger' | 'warning' | 'info'; testId: string; children: ReactNode; extra?: Record<string, string> }) {
  return (
    <div className={`banner banner-${props.tone}`} role={props.tone === 'danger' ? 'alert' : 'status'} data-testid={props.testId} {...props.extra}>
      <span className="banner-icon" aria-hidden="true">{props.tone === 'info' ? '…' : '!'}</span>
      <div className="banner-text">{props.children}</div>
    </div>
  );
}
