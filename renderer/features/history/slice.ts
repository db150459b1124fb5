// Which of our dock panels is open (history, contacts, billing), which history view it shows,
// and what the station pushed for them (export progress, quota alarms). In the bound store so the
// feed and the board can open a view with one call — `openHistoryView({ kind: 'contact',
// contactId })` — and so the station bridge can hand events over outside React.
import type { StateCreator } from 'zustand';
import type { EventData, ExportProgress } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

/** A view reachable from the history screen, the feed and the board. */
export type HistoryView =
  | { kind: 'contact'; contactId: number }
  | { kind: 'group'; groupId: number }
  | { kind: 'tag'; tag: string }
  | { kind: 'broadcast'; broadcastId: number };

export type RecordsTab = 'history' | 'contacts' | 'billing';
export type QuotaAlarm = EventData<'billing.quota'>;

export interface HistorySlice {
  records: {
    /** Our open dock panel, if any (the dock shows one at a time). */
    panel: RecordsTab | null;
    /** The view on the history tab; null shows the search. */
    view: HistoryView | null;
    /** Views left by following a link inside a view, for "Back". */
    trail: HistoryView[];
    /** Our export, while it runs and once it ended; other desks' exports are ignored. */
    exportJob: ExportProgress | null;
    /** The latest quota alarm not yet acknowledged on this desk. */
    quota: QuotaAlarm | null;
  };
  /** Open or fold one of our panels (its <details> toggled, or a link followed). */
  setRecordsPanel(tab: RecordsTab, open: boolean): void;
  openHistoryView(view: HistoryView): void;
  /** Back to the previous view, or to the search. */
  historyBack(): void;
  exportStarted(exportId: string, total: number): void;
  exportProgressed(progress: ExportProgress): void;
  exportCleared(): void;
  quotaRaised(alarm: QuotaAlarm): void;
  quotaAcknowledged(): void;
}

export const initialRecords: HistorySlice['records'] = {
  panel: null,
  view: null,
  trail: [],
  exportJob: null,
  quota: null,
};

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set) => ({
  records: initialRecords,
  setRecordsPanel: (tab, open) =>
    set((s) => {
      if (open) return s.records.panel === tab ? {} : { records: { ...s.records, panel: tab } };
      return s.records.panel === tab ? { records: { ...s.records, panel: null } } : {};
    }),
  openHistoryView: (view) =>
    set((s) => {
      const r = s.records;
      // From outside the panel a view starts a fresh trail; inside it, the current view is kept for Back.
      const trail = r.panel === 'history' && r.view ? [...r.trail, r.view].slice(-20) : [];
      return { records: { ...r, panel: 'history', view, trail } };
    }),
  historyBack: () =>
    set((s) => {
      const trail = s.records.trail;
      return { records: { ...s.records, view: trail[trail.length - 1] ?? null, trail: trail.slice(0, -1) } };
    }),
  exportStarted: (exportId, total) =>
    set((s) => ({
      records: { ...s.records, exportJob: { exportId, state: 'running', rows: 0, total, fileName: null, error: null } },
    })),
  exportProgressed: (progress) =>
    set((s) => {
      const job = s.records.exportJob;
      if (!job || job.exportId !== progress.exportId) return {};
      // A late 'running' tick must not undo 'done' or 'cancelled'.
      if (job.state !== 'running') return {};
      return { records: { ...s.records, exportJob: progress } };
    }),
  exportCleared: () => set((s) => ({ records: { ...s.records, exportJob: null } })),
  quotaRaised: (alarm) => set((s) => ({ records: { ...s.records, quota: alarm } })),
  quotaAcknowledged: () => set((s) => ({ records: { ...s.records, quota: null } })),
});
