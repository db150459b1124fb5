// One bound store made of per-feature slices (zustand's slices pattern). Components read it
// through narrow selectors (useShallow for objects); the station bridge uses the vanilla
// getState()/setState(), outside React.
import { create } from 'zustand';
import type { Snapshot } from '../../shared/protocol/index.js';
import { createBoardSlice, type BoardSlice } from '../features/board/slice.js';
import { createComposeSlice, type ComposeSlice } from '../features/compose/slice.js';
import { createFeedSlice, type FeedSlice } from '../features/feed/slice.js';
import { createGroupsSlice, type GroupsSlice } from '../features/groups/slice.js';
import { createLoginSlice, type LoginSlice } from '../features/login/slice.js';
import { createDispatchSlice, type DispatchSlice } from '../features/dispatch/slice.js';
import { createOrdersSlice, type OrdersSlice } from '../features/orders/slice.js';
import { createHistorySlice, type HistorySlice } from '../features/history/slice.js';
import { createPlansSlice, type PlansSlice } from '../features/plans/slice.js';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.js';
import { createPrefsSlice, initialPrefs, type PrefsSlice } from './prefs-slice.js';
import { createUiSlice, type UiSlice } from './ui-slice.js';

interface RootSlice {
  /** Everything the station told us, at once, after login or a reconnect. */
  snapshotLoaded(snapshot: Snapshot): void;
  /** Sign-out: forget the station's data, keep the desk's preferences and the link state. */
  clearStationData(): void;
}

export type AppState = PrefsSlice &
  UiSlice &
  ConnectionSlice &
  LoginSlice &
  GroupsSlice &
  ComposeSlice &
  FeedSlice &
  BoardSlice &
  DispatchSlice &
  OrdersSlice &
  HistorySlice &
  PlansSlice &
  RootSlice;

export const useAppStore = create<AppState>()((...a) => {
  const [set, get] = a;
  return {
    ...createPrefsSlice(...a),
    ...createUiSlice(...a),
    ...createConnectionSlice(...a),
    ...createLoginSlice(...a),
    ...createGroupsSlice(...a),
    ...createComposeSlice(...a),
    ...createFeedSlice(...a),
    ...createBoardSlice(...a),
    ...createDispatchSlice(...a),
    ...createOrdersSlice(...a),
    ...createHistorySlice(...a),
    ...createPlansSlice(...a),
    snapshotLoaded: (snapshot) => {
      const s = get();
      s.directoryLoaded({ groups: snapshot.groups, contacts: snapshot.contacts, tags: snapshot.tags });
      // The board before the feed: a reply's tag streams include its broadcast's tags.
      s.boardLoaded(snapshot.broadcasts);
      s.feedLoaded(snapshot.feed);
      s.carriersLoaded(snapshot.carriers);
      s.storeChanged(snapshot.store ?? null);
      s.synced();
    },
    clearStationData: () => {
      const initial = useAppStore.getInitialState();
      set({
        directory: initial.directory,
        picked: [],
        collapsed: {},
        compose: initial.compose,
        feed: initial.feed,
        board: initial.board,
        dispatch: initial.dispatch,
        orders: initial.orders,
        records: initial.records,
        plans: initial.plans,
        carriers: [],
        overlay: null,
        connection: { ...get().connection, synced: false },
      });
    },
  };
});

/** Back to a fresh store (tests call this between cases, per zustand's testing guide). */
export function resetAppStore(): void {
  useAppStore.setState({ ...useAppStore.getInitialState(), prefs: initialPrefs() }, true);
}
