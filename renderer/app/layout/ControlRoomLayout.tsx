// The three columns of the control room with a splitter between each pair. Widths live in CSS
// variables on the grid, so a drag re-lays out the grid without re-rendering the panels.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import { useAppStore } from '../store.js';
import { shellTestIds } from '../testids.js';
import { PANE_LIMITS, defaultWidths, clampWidth, loadWidths, saveWidths, type PaneWidths } from './pane-widths.js';
import { Splitter } from './Splitter.js';

export function ControlRoomLayout(props: { left: ReactNode; middle: ReactNode; right: ReactNode }) {
  const t = useT();
  const userId = useAppStore((s) => s.session.user?.id);
  const [widths, setWidths] = useState<PaneWidths>(() => loadWidths(userId));
  // What is on screen now, for saving at the end of a drag (state would be a render late).
  const latest = useRef(widths);
  const apply = (next: PaneWidths) => {
    latest.current = next;
    setWidths(next);
  };
  useEffect(() => apply(loadWidths(userId)), [userId]);

  const change = (pane: keyof PaneWidths) => (value: number) => apply({ ...latest.current, [pane]: clampWidth(pane, value) });
  const commit = () => saveWidths(userId, latest.current);
  const reset = (pane: keyof PaneWidths) => () => {
    apply({ ...latest.current, [pane]: defaultWidths()[pane] });
    commit();
  };

  return (
    <main
      className="layout"
      style={{ ['--groups-w' as string]: `${widths.groups}px`, ['--feed-w' as string]: `${widths.feed}px` }}
      data-testid={shellTestIds.layout}
    >
      <div className="column column-left" id="column-left">
        {props.left}
      </div>
      <Splitter
        label={t('layout.resizeGroups')}
        controls="column-left"
        value={widths.groups}
        min={PANE_LIMITS.groups.min}
        max={PANE_LIMITS.groups.max}
        direction={1}
        onChange={change('groups')}
        onCommit={commit}
        onReset={reset('groups')}
        testId={shellTestIds.splitter('groups')}
      />
      <div className="column column-middle">{props.middle}</div>
      <Splitter
        label={t('layout.resizeFeed')}
        controls="column-right"
        value={widths.feed}
        min={PANE_LIMITS.feed.min}
        max={PANE_LIMITS.feed.max}
        direction={-1}
        onChange={change('feed')}
        onCommit={commit}
        onReset={reset('feed')}
        testId={shellTestIds.splitter('feed')}
      />
      <div className="column column-right" id="column-right">
        {props.right}
      </div>
    </main>
  );
}
