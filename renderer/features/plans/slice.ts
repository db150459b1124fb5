// Alert plans as the control room sees them: the list (replaced whole by every plans.changed
// event), on-duty figures per roster (asked again when a roster changes), and what the board
// shows behind each launched broadcast (its plan, drill mark and calls, live by plans.calls).
import type { StateCreator } from 'zustand';
import type { CallView, DutyView, LaunchInfo, PlanView } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export interface PlansSlice {
  plans: {
    list: PlanView[] | null;
    duty: DutyView[] | null;
    /** Bumped by rosters.changed: duty views ask again. */
    rosterVersion: number;
    /** broadcast id → its launch (null: looked up, not a plan launch). */
    launches: Record<number, LaunchInfo | null>;
    /** The plan whose launch dialog is open. */
    launching: number | null;
  };
  plansLoaded(list: PlanView[]): void;
  dutyLoaded(duty: DutyView[]): void;
  rostersChanged(): void;
  launchLoaded(broadcastId: number, info: LaunchInfo | null): void;
  callsChanged(broadcastId: number, calls: CallView[]): void;
  openLaunch(planId: number | null): void;
}

export const createPlansSlice: StateCreator<AppState, [], [], PlansSlice> = (set) => ({
  plans: { list: null, duty: null, rosterVersion: 0, launches: {}, launching: null },
  plansLoaded: (list) => set((s) => ({ plans: { ...s.plans, list } })),
  dutyLoaded: (duty) => set((s) => ({ plans: { ...s.plans, duty } })),
  rostersChanged: () => set((s) => ({ plans: { ...s.plans, rosterVersion: s.plans.rosterVersion + 1 } })),
  launchLoaded: (broadcastId, info) => set((s) => ({ plans: { ...s.plans, launches: { ...s.plans.launches, [broadcastId]: info } } })),
  callsChanged: (broadcastId, calls) =>
    set((s) => {
      const known = s.plans.launches[broadcastId];
      // Calls of a launch this desk has not looked up yet: the board row will ask for it whole.
      if (!known) return {};
      return { plans: { ...s.plans, launches: { ...s.plans.launches, [broadcastId]: { ...known, calls } } } };
    }),
  openLaunch: (planId) => set((s) => ({ plans: { ...s.plans, launching: planId } })),
});
