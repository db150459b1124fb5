// The message being written and what the station said about it. The segment count is the
// station's (the `preview` request), so the number on screen is the number that will be billed.
import type { StateCreator } from 'zustand';
import type { PreviewResult, SendResult } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export interface ComposeSlice {
  compose: {
    text: string;
    /** Single people addressed by number, e.g. answering a reply from the feed. */
    phones: { phone: string; name: string | null }[];
    preview: PreviewResult | null;
    /** The preview on screen is for an older text or pick; a fresh one is on its way. */
    previewStale: boolean;
    previewError: string | null;
    sending: boolean;
    result: SendResult | null;
    error: { message: string; field?: string } | null;
  };
  setText(text: string): void;
  addPhone(phone: string, name: string | null): void;
  removePhone(phone: string): void;
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
    phones: [],
    preview: null,
    previewStale: false,
    previewError: null,
    sending: false,
    result: null,
    error: null,
  },
  setText: (text) => set((s) => ({ compose: { ...s.compose, text, previewStale: true } })),
  addPhone: (phone, name) =>
    set((s) =>
      s.compose.phones.some((p) => p.phone === phone)
        ? {}
        : { compose: { ...s.compose, phones: [...s.compose.phones, { phone, name }], previewStale: true } },
    ),
  removePhone: (phone) =>
    set((s) => ({ compose: { ...s.compose, phones: s.compose.phones.filter((p) => p.phone !== phone), previewStale: true } })),
  previewRequested: () => set((s) => ({ compose: { ...s.compose, previewStale: true } })),
  previewArrived: (preview) =>
    set((s) => ({ compose: { ...s.compose, preview, previewStale: false, previewError: null } })),
  previewFailed: (message) =>
    set((s) => ({ compose: { ...s.compose, preview: null, previewStale: false, previewError: message } })),
  sendStarted: () => set((s) => ({ compose: { ...s.compose, sending: true, error: null, result: null } })),
  // The text goes once it is sent, and so do single numbers (a reply is one-off); the picked groups
  // and tags stay, because the next alert usually goes to the same people.
  sendSucceeded: (result) =>
    set((s) => ({
      compose: { ...s.compose, sending: false, result, text: '', phones: [], preview: null, previewStale: true },
    })),
  sendFailed: (message, field) =>
    set((s) => ({ compose: { ...s.compose, sending: false, error: field ? { message, field } : { message } } })),
});

/** Characters as a person counts them (code points), shown instantly while the station counts segments. */
export function countCharacters(text: string): number {
  return Array.from(text).length;
}
