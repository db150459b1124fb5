// A snippet with the search hits marked. Offsets come from the station ([start, end) into the
// snippet); they are sorted, clamped and merged here so a bad pair can never garble the text.
import type { ReactNode } from 'react';

export function markRanges(length: number, ranges: readonly (readonly [number, number])[]): [number, number][] {
  const clean = ranges
    .map(([a, b]) => [Math.max(0, Math.min(a, length)), Math.max(0, Math.min(b, length))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of clean) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export function Highlighted(props: { text: string; highlights: readonly (readonly [number, number])[]; className?: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [a, b] of markRanges(props.text.length, props.highlights)) {
    if (a > at) parts.push(props.text.slice(at, a));
    parts.push(<mark key={a}>{props.text.slice(a, b)}</mark>);
    at = b;
  }
  if (at < props.text.length) parts.push(props.text.slice(at));
  return <p className={props.className}>{parts}</p>;
}
