// A handle between two columns: drag it, or focus it and use the arrow keys (Shift for bigger
// steps, Home/End for the limits, Enter to go back to the default). A WAI-ARIA window splitter.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export function Splitter(props: {
  label: string;
  controls: string;
  value: number;
  min: number;
  max: number;
  /** +1: dragging right widens the pane (it is on the left); -1: the pane is on the right. */
  direction: 1 | -1;
  onChange(value: number): void;
  onCommit(): void;
  onReset(): void;
  testId: string;
}) {
  const drag = useRef<{ x: number; start: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, start: props.value };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    props.onChange(drag.current.start + props.direction * (e.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    props.onCommit();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 64 : 16;
    // Arrows move the handle; what that means for the pane depends on its side.
    const moves: Record<string, number | undefined> = {
      ArrowLeft: props.value - props.direction * step,
      ArrowRight: props.value + props.direction * step,
      Home: props.min,
      End: props.max,
    };
    if (e.key === 'Enter') {
      e.preventDefault();
      props.onReset();
      return;
    }
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    props.onChange(next);
    props.onCommit();
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-controls={props.controls}
      aria-valuenow={props.value}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={props.onReset}
      onKeyDown={onKeyDown}
      data-testid={props.testId}
    />
  );
}
