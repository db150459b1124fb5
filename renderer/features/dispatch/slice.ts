// Polls and confirmations as the control room sees them: each question's live tally (replaced
// whole by every broadcast.tally event) and the escalation alerts, newest first.
import type { StateCreator } from 'zustand';
import type { ConfirmAlert, Tally } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

/** Alerts kept on screen; older ones are in the audit log. */
const MAX_ALERTS = 20;

export interface DispatchSlice {
  dispatch: { tallies: Record<number, Tally>; alerts: ConfirmAlert[] };
  talliesReceived(tallies: Tally[]): void;
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
