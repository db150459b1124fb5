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

/** The draft that was on screen when a reply started, with its picked groups and tags. */
export interface AsideDraft {
  draft: ComposeDraft;
  groups: number[];
  tags: string[];
}

export interface ComposeSlice {
  compose: ComposeDraft & {
    /** Answering one person from the feed: compose holds only them, the draft waits aside. */
    replyingTo: { phone: string; name: string | null } | null;
    /** The draft set aside by a reply; it comes back after the reply is sent or dropped. */
    aside: AsideDraft | null;
    /** The last send was a reply to this person, and the draft set aside is back on screen. */
    repliedTo: string | null;
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
    /** The send time of the last result, when it was scheduled. */
    resultScheduledAt: number | null;
    error: { message: string; field?: string } | null;
  };
  setText(text: string): void;
  addPhone(phone: string, name: string | null): void;
  removePhone(phone: string): void;
  addContact(contact: PickedContact): void;
  removeContact(id: number): void;
  /**
   * A fresh compose to this one person (the feed's "Reply"): whatever was being written, with its
   * picked groups and tags, is set aside — never merged — and comes back afterwards.
   */
  startReply(phone: string, name: string | null): void;
  /** Drop the reply and bring back the draft that was set aside. */
  restoreAside(): void;
  /** A saved draft (after a reload), as the draft keeper kept it. */
  draftRestored(saved: SavedDraft): void;
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
  sendSucceeded(result: SendResult, scheduledAt?: number): void;
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

/** What survives a reload: the draft, its picks, a reply in progress and the send's reference. */
export interface SavedDraft {
  draft: ComposeDraft;
  groups: number[];
  tags: string[];
  replyingTo: ComposeSlice['compose']['replyingTo'];
  aside: AsideDraft | null;
  clientRef: ComposeSlice['compose']['clientRef'];
}

/** The draft fields of the compose state, without what the station said about them. */
export function draftOf(c: ComposeDraft): ComposeDraft {
  return {
    text: c.text,
    phones: c.phones,
    contacts: c.contacts,
    kind: c.kind,
    options: c.options,
    answerLines: c.answerLines,
    code: c.code,
    confirm: c.confirm,
    priority: c.priority,
    scheduledAt: c.scheduledAt,
    validMinutes: c.validMinutes,
  };
}

/** Nothing typed or picked: not worth setting aside. */
export function isBlank(d: ComposeDraft, groups: readonly number[], tags: readonly string[]): boolean {
  return d.text.trim() === '' && d.phones.length + d.contacts.length + groups.length + tags.length === 0;
}

const noStationAnswer = { preview: null, previewStale: true, previewError: null, confirming: false, sending: false, result: null, error: null, repliedTo: null };

export const createComposeSlice: StateCreator<AppState, [], [], ComposeSlice> = (set, get) => {
  const patch = (p: Partial<ComposeSlice['compose']>) => set((s) => ({ compose: { ...s.compose, ...p } }));
  return {
    compose: {
      ...initialDraft(),
      replyingTo: null,
      aside: null,
      repliedTo: null,
      preview: null,
      previewStale: false,
      previewError: null,
      confirming: false,
      sending: false,
      clientRef: null,
      result: null,
      resultScheduledAt: null,
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
    startReply: (phone, name) =>
      set((s) => {
        const c = s.compose;
        // Replying again while replying: the same reply goes to the new person, its text kept.
        if (c.replyingTo) {
          return { compose: { ...c, ...noStationAnswer, phones: [{ phone, name }], contacts: [], replyingTo: { phone, name }, clientRef: null } };
        }
        const current = draftOf(c);
        const aside = isBlank(current, s.picked, s.pickedTags) ? null : { draft: current, groups: s.picked, tags: s.pickedTags };
        return {
          picked: [],
          pickedTags: [],
          compose: { ...c, ...initialDraft(), ...noStationAnswer, phones: [{ phone, name }], replyingTo: { phone, name }, aside, clientRef: null },
        };
      }),
    restoreAside: () =>
      set((s) => {
        const aside = s.compose.aside;
        return {
          picked: aside?.groups ?? [],
          pickedTags: aside?.tags ?? [],
          compose: { ...s.compose, ...initialDraft(), ...(aside?.draft ?? {}), ...noStationAnswer, replyingTo: null, aside: null, clientRef: null },
        };
      }),
    draftRestored: (saved) =>
      set((s) => {
        const groups = new Set(s.directory.groups.map((g) => g.id));
        const tags = new Set(s.directory.tags.map((t) => t.name));
        return {
          picked: saved.groups.filter((id) => groups.has(id)),
          pickedTags: saved.tags.filter((name) => tags.has(name)),
          compose: { ...s.compose, ...initialDraft(), ...saved.draft, ...noStationAnswer, replyingTo: saved.replyingTo, aside: saved.aside, clientRef: saved.clientRef },
        };
      }),
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
    sendStarted: () => patch({ sending: true, confirming: false, error: null, result: null, repliedTo: null }),
    // The text and the one-off people go once it is sent, and so does the question's set-up; the
    // picked groups and tags stay, because the next alert usually goes to the same people.
    // A reply, once sent, gives the screen back to the draft it set aside.
    sendSucceeded: (result, scheduledAt) =>
      set((s) => {
        const resultScheduledAt = scheduledAt !== undefined && scheduledAt > Date.now() ? scheduledAt : null;
        const { replyingTo, aside } = s.compose;
        if (replyingTo) {
          return {
            picked: aside?.groups ?? s.picked,
            pickedTags: aside?.tags ?? s.pickedTags,
            compose: {
              ...s.compose,
              ...initialDraft(),
              ...(aside?.draft ?? {}),
              ...noStationAnswer,
              result,
              resultScheduledAt,
              replyingTo: null,
              aside: null,
              clientRef: null,
              repliedTo: replyingTo.name ?? replyingTo.phone,
            },
          };
        }
        return {
          compose: {
            ...s.compose,
            ...initialDraft(),
            kind: s.compose.kind === 'order' ? 'order' : 'plain',
            sending: false,
            result,
            resultScheduledAt,
            repliedTo: null,
            clientRef: null,
            preview: null,
            previewStale: true,
          },
        };
      }),
    // The reference stays: pressing Send again after a lost link is the same click, stored once.
    sendFailed: (message, field) => patch({ sending: false, error: field ? { message, field } : { message } }),
  };
};

/** Characters as a person counts them (code points). */
export function countCharacters(text: string): number {
  return Array.from(text).length;
}
