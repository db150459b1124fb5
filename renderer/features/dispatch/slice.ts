// Polls and confirmations as the control room sees them: each question's live tally (fetched whole
// once, then kept current by the `tally.changed` events: who answered what, and the figures) and
// the escalation alerts, newest first.
import type { StateCreator } from 'zustand';
import type { ConfirmAlert, PersonRef, Tally, TallyChange } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

/** Alerts kept on screen; older ones are in the audit log. */
const MAX_ALERTS = 20;

export interface DispatchSlice {
  dispatch: { tallies: Record<number, Tally>; alerts: ConfirmAlert[] };
  talliesReceived(tallies: Tally[]): void;
  /** Applies changes to the tallies this desk holds; returns the ids to fetch whole again. */
  tallyChanged(changes: TallyChange[]): number[];
  alertsReceived(alerts: ConfirmAlert[]): void;
  alertDismissed(broadcastId: number, step: number): void;
}

export const createDispatchSlice: StateCreator<AppState, [], [], DispatchSlice> = (set) => ({
  dispatch: { tallies: {}, alerts: [] },
  talliesReceived: (tallies) =>
    set((s) => {
      if (tallies.length === 0) return {};
      const next = { ...s.dispatch.tallies };
      for (const t of tallies) next[t.broadcastId] = t;
      return { dispatch: { ...s.dispatch, tallies: next } };
    }),
  tallyChanged: (changes) => {
    const refetch = new Set<number>();
    set((s) => {
      if (changes.length === 0) return {};
      let next: Record<number, Tally> | null = null;
      for (const c of changes) {
        const t = (next ?? s.dispatch.tallies)[c.broadcastId];
        if (!t) continue; // not shown on this desk: it fetches the tally when it shows it
        const applied = applyChange(t, c);
        if (c.resync || applied.silent.length !== c.counts.silent) refetch.add(c.broadcastId);
        next ??= { ...s.dispatch.tallies };
        next[c.broadcastId] = applied;
      }
      return next ? { dispatch: { ...s.dispatch, tallies: next } } : {};
    });
    return [...refetch];
  },
  alertsReceived: (alerts) =>
    set((s) => (alerts.length === 0 ? {} : { dispatch: { ...s.dispatch, alerts: [...alerts.reverse(), ...s.dispatch.alerts].slice(0, MAX_ALERTS) } })),
  alertDismissed: (broadcastId, step) =>
    set((s) => ({
      dispatch: { ...s.dispatch, alerts: s.dispatch.alerts.filter((a) => !(a.broadcastId === broadcastId && a.step === step)) },
    })),
});

/** "Иванов, Петров и ещё 3" for a list of people, names first, phones for strangers. */
export function silentNames(people: readonly { name: string | null; phone: string }[], shown = 8): { names: string[]; more: number } {
  return { names: people.slice(0, shown).map((p) => p.name ?? p.phone), more: Math.max(0, people.length - shown) };
}

const byName = (a: PersonRef, b: PersonRef) => (a.name ?? '').localeCompare(b.name ?? '', 'ru') || a.phone.localeCompare(b.phone);

/** One change applied to a tally: the answer in (or out), the person out of (or back into) the silent, the figures. */
export function applyChange(t: Tally, c: TallyChange): Tally {
  let { answers, silent } = t;
  if (c.answer) {
    const a = c.answer;
    answers = [a, ...answers.filter((x) => x.phone !== a.phone)];
    if (a.recipient !== false) silent = silent.filter((p) => p.phone !== a.phone);
  }
  if (c.removed) {
    const phone = c.removed.phone;
    answers = answers.filter((x) => x.phone !== phone);
    if (c.removed.silent && !silent.some((p) => p.phone === phone)) silent = [...silent, c.removed.silent].sort(byName);
  }
  const byEscalation = c.byEscalation
    ? [...(t.byEscalation ?? []).filter((x) => x.phone !== c.byEscalation!.phone || x.broadcastId !== c.byEscalation!.broadcastId), c.byEscalation]
    : t.byEscalation;
  return {
    ...t,
    options: t.options.map((o, i) => ({ ...o, count: c.counts.options[i] ?? o.count })),
    other: c.counts.other,
    answers,
    silent,
    ...(byEscalation ? { byEscalation } : {}),
    ...(c.closed !== undefined ? { closed: c.closed } : {}),
    ...(c.escalation !== undefined ? { escalation: c.escalation } : {}),
  };
}
