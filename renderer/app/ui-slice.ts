// Screen state that belongs to no feature: which overlay is open.
import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

export interface UiSlice {
  overlay: 'shortcuts' | null;
  openOverlay(overlay: 'shortcuts'): void;
  closeOverlay(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  overlay: null,
  openOverlay: (overlay) => set({ overlay }),
  closeOverlay: () => set({ overlay: null }),
});
