// A folded <details class="panel"> in the dock for one of our screens (history, contacts,
// billing). Its open state lives in the store, so a link in the feed or the board can open it;
// the dock folds the others when one opens and folds it on Escape, and `onToggle` keeps the store
// in step either way. Nothing is asked of the station while it is folded.
import type { ReactNode } from 'react';
import { useAppStore } from '../../app/store.js';
import type { RecordsTab } from './slice.js';

export function RecordsPanel(props: { tab: RecordsTab; heading: string; badge?: ReactNode; testId: string; children: () => ReactNode }) {
  const open = useAppStore((s) => s.records.panel === props.tab);
  const signedIn = useAppStore((s) => s.session.user !== null);
  const setPanel = useAppStore((s) => s.setRecordsPanel);
  if (!signedIn) return null;
  return (
    <details
      className={`panel records-panel records-${props.tab}`}
      open={open}
      onToggle={(e) => setPanel(props.tab, (e.currentTarget as HTMLDetailsElement).open)}
      data-testid={props.testId}
    >
      <summary>
        <h2>{props.heading}</h2>
        {props.badge}
      </summary>
      {open ? <div className="records-body">{props.children()}</div> : null}
    </details>
  );
}
