// The message being written and what the station said about it. Characters and SMS are counted
// here at once (shared/sms, offline); the station's `preview` adds who it resolves to, who is
// refused, and the per-recipient count when `{name}` makes texts differ.
import type { StateCreator } from 'zustand';
import type { BroadcastKind, PreviewResult, Priority, SendResult } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export interface PickedContact {
  id: number;
  name: string;
  phone: string;
}

/** What a confirmation waits for and whom it escalates to, as typed in the form. */
export interface ConfirmDraft {
  afterMinutes: string;
  resends: number;
  escalateTo: number[];
}

export interface ComposeDraft {
  text: string;
  /** Single people addressed by number, e.g. answering a reply from the feed or typed in. */
  phones: { phone: string; name: string | null }[];
  /** People picked by name in the typeahead. */
  contacts: PickedContact[];
  kind: BroadcastKind;
  /** A poll's answer options, as typed (blank ones are dropped when sending). */
  options: string[];
  /** Append "1 - …" lines (poll) or "Reply 1" (confirmation) to the text. */
  answerLines: boolean;
  /** Order number, digits only. */
  code: string;
  confirm: ConfirmDraft;
  /** null: the station's default for the kind. */
  priority: Priority | null;
  /** A datetime-local value ('' = now). */
  scheduledAt: string;
  /** Minutes ('' = no limit). */
  validMinutes: string;
}

export interface ComposeSlice {
  compose: ComposeDraft & {
    preview: PreviewResult | null;
    /** The preview on screen is for an older text or pick; a fresh one is on its way. */
    previewStale: boolean;
    previewError: string | null;
    /** The second-chance confirmation is open. */
    confirming: boolean;
    sending: boolean;
    /** This click's reference and the request it was made for: a retry of the same request reuses it. */
    clientRef: { ref: string; request: string } | null;
    result: SendResult | null;
    error: { message: string; field?: string } | null;
  };
  setText(text: string): void;
  addPhone(phone: string, name: string | null): void;
  removePhone(phone: string): void;
  addContact(contact: PickedContact): void;
  removeContact(id: number): void;
  /** Any of the kind-, schedule- or option fields. */
  updateDraft(patch: Partial<ComposeDraft>): void;
  previewRequested(): void;
  previewArrived(preview: PreviewResult): void;
  previewFailed(message: string | null): void;
  confirmOpened(): void;
  confirmClosed(): void;
  /** The reference for sending this request: the same as last time if the request is the same. */
  clientRefFor(request: string): string;
  sendStarted(): void;
  sendSucceeded(result: SendResult): void;
  sendFailed(message: string, field?: string): void;
}

export const initialDraft = (): ComposeDraft => ({
  text: '',
  phones: [],
  contacts: [],
  kind: 'plain',
  options: ['', ''],
  answerLines: true,
  code: '',
  confirm: { afterMinutes: '10', resends: 1, escalateTo: [] },
  priority: null,
  scheduledAt: '',
  validMinutes: '',
});

export const createComposeSlice: StateCreator<AppState, [], [], ComposeSlice> = (set, get) => {
  const patch = (p: Partial<ComposeSlice['compose']>) => set((s) => ({ compose: { ...s.compose, ...p } }));
  return {
    compose: {
      ...initialDraft(),
      preview: null,
      previewStale: false,
      previewError: null,
      confirming: false,
      sending: false,
      clientRef: null,
      result: null,
      error: null,
    },
    setText: (text) => patch({ text, previewStale: true }),
    addPhone: (phone, name) =>
      set((s) =>
        s.compose.phones.some((p) => p.phone === phone)
          ? {}
          : { compose: { ...s.compose, phones: [...s.compose.phones, { phone, name }], previewStale: true } },
      ),
    removePhone: (phone) => patch({ phones: get().compose.phones.filter((p) => p.phone !== phone), previewStale: true }),
    addContact: (contact) =>
      set((s) =>
        s.compose.contacts.some((c) => c.id === contact.id)
          ? {}
          : { compose: { ...s.compose, contacts: [...s.compose.contacts, contact], previewStale: true } },
      ),
    removeContact: (id) => patch({ contacts: get().compose.contacts.filter((c) => c.id !== id), previewStale: true }),
    updateDraft: (p) => patch({ ...p, previewStale: true }),
    previewRequested: () => patch({ previewStale: true }),
    previewArrived: (preview) => patch({ preview, previewStale: false, previewError: null }),
    previewFailed: (message) => patch({ preview: null, previewStale: false, previewError: message }),
    confirmOpened: () => patch({ confirming: true, error: null, result: null }),
    confirmClosed: () => patch({ confirming: false }),
    clientRefFor: (request) => {
      const current = get().compose.clientRef;
      if (current && current.request === request) return current.ref;
      const ref = crypto.randomUUID();
      patch({ clientRef: { ref, request } });
      return ref;
    },
    sendStarted: () => patch({ sending: true, confirming: false, error: null, result: null }),
    // The text and the one-off people go once it is sent, and so does the question's set-up; the
    // picked groups and tags stay, because the next alert usually goes to the same people.
    sendSucceeded: (result) =>
      set((s) => ({
        compose: {
          ...s.compose,
          ...initialDraft(),
          kind: s.compose.kind === 'order' ? 'order' : 'plain',
          sending: false,
          result,
          clientRef: null,
          preview: null,
          previewStale: true,
        },
      })),
    // The reference stays: pressing Send again after a lost link is the same click, stored once.
    sendFailed: (message, field) => patch({ sending: false, error: field ? { message, field } : { message } }),
  };
};

/** Characters as a person counts them (code points). */
export function countCharacters(text: string): number {
  return Array.from(text).length;
}
