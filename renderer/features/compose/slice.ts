// The message being written and what the station said about it. The segment count is the
// station's (the `preview` request), so the number on screen is the number that will be billed.
import type { StateCreator } from 'zustand';
import type { PreviewResult, SendResult } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export interface ComposeSlice {
  compose: {
    text: string;
    preview: PreviewResult | null;
    /** The preview on screen is for an older text or pick; a fresh one is on its way. */
    previewStale: boolean;
    previewError: string | null;
    sending: boolean;
    result: SendResult | null;
    error: { message: string; field?: string } | null;
  };
  setText(text: string): void;
  previewRequested(): void;
  previewArrived(preview: PreviewResult): void;
  previewFailed(message: string | null): void;
  sendStarted(): void;
  sendSucceeded(result: SendResult): void;
  sendFailed(message: string, field?: string): void;
}

export const createComposeSlice: StateCreator<AppState, [], [], ComposeSlice> = (set) => ({
  compose: {
    text: '',
    preview: null,
    previewStale: false,
    previewError: null,
    sending: false,
    result: null,
    error: null,
  },
  setText: (text) => set((s) => ({ compose: { ...s.compose, text, previewStale: true } })),
  previewRequested: () => set((s) => ({ compose: { ...s.compose, previewStale: true } })),
  previewArrived: (preview) =>
    set((s) => ({ compose: { ...s.compose, preview, previewStale: false, previewError: null } })),
  previewFailed: (message) =>
    set((s) => ({ compose: { ...s.compose, preview: null, previewStale: false, previewError: message } })),
  sendStarted: () => set((s) => ({ compose: { ...s.compose, sending: true, error: null, result: null } })),
  // The text goes once it is sent; the pick stays, because the next alert usually goes to the same people.
  sendSucceeded: (result) =>
    set((s) => ({ compose: { ...s.compose, sending: false, result, text: '', preview: null, previewStale: true } })),
  sendFailed: (message, field) =>
    set((s) => ({ compose: { ...s.compose, sending: false, error: field ? { message, field } : { message } } })),
});

/** Characters as a person counts them (code points), shown instantly while the station counts segments. */
export function countCharacters(text: string): number {
  return Array.from(text).length;
}
