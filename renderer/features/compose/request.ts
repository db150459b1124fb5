// From the draft on screen to the `send` request: the text as it will go out (answer lines for
// a poll, "reply 1" for a confirmation, the order number), the recipients, and the kind's fields.
// Pure, so the counters, the confirmation and the request agree on one text.
import type { ContactView, GroupNode, SendRequest } from '../../../shared/protocol/index.js';
import { hasNamePlaceholder, renderOrder, segmentRange, type SegmentRange } from '../../../shared/sms/placeholders.js';
import { countSegments, type Encoding } from '../../../shared/sms/segments.js';
import { descendantsOf } from '../groups/tree.js';
import type { ComposeDraft } from './slice.js';

export interface Recipients {
  groups: number[];
  tags: string[];
}

/** Poll options with text, in order. */
export function pollOptions(draft: Pick<ComposeDraft, 'options'>): string[] {
  return draft.options.map((o) => o.trim()).filter(Boolean);
}

/** `#4711` or `{order}` already in the text: nothing to add. */
function mentionsOrder(text: string, code: string): boolean {
  return text.includes('{order}') || new RegExp(`#${code}(?!\\d)`).test(text);
}

/**
 * The text as recipients will read it (before `{name}`, which the station renders per person).
 * `replyHint` is "Ответьте 1, если приняли." in the desk's language.
 */
export function outgoingText(draft: ComposeDraft, replyHint: string): string {
  let text = draft.text.trim();
  const code = draft.code.trim();
  if (draft.kind === 'order' && code !== '' && !mentionsOrder(text, code)) text = `${text} #${code}`;
  text = renderOrder(text, code);
  if (draft.kind === 'poll' && draft.answerLines) {
    const lines = pollOptions(draft).map((o, i) => `${i + 1} - ${o}`);
    if (lines.length > 0) text = `${text}\n${lines.join('\n')}`;
  }
  if (draft.kind === 'confirm' && draft.answerLines && !/\b1\b/.test(text)) text = `${text} ${replyHint}`;
  return text;
}

/** A datetime-local value as epoch ms, or undefined when empty or unreadable. */
export function scheduleOf(value: string): number | undefined {
  if (value === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function buildSendRequest(draft: ComposeDraft, recipients: Recipients, replyHint: string): SendRequest {
  const request: SendRequest = {
    text: outgoingText(draft, replyHint),
    groups: recipients.groups,
    tags: recipients.tags,
    contacts: draft.contacts.map((c) => c.id),
    phones: draft.phones.map((p) => p.phone),
    kind: draft.kind,
  };
  if (draft.priority) request.priority = draft.priority;
  const at = scheduleOf(draft.scheduledAt);
  if (at !== undefined) request.scheduledAt = at;
  const valid = Number(draft.validMinutes);
  if (draft.validMinutes.trim() !== '' && valid > 0) request.validMinutes = valid;
  if (draft.kind === 'poll') request.options = pollOptions(draft);
  // A short number is left out: the station then says an order needs its number.
  if (draft.kind === 'order' && /^\d{3,12}$/.test(draft.code.trim())) request.code = draft.code.trim();
  if (draft.kind === 'confirm') {
    const after = Number(draft.confirm.afterMinutes);
    request.confirm = { afterMinutes: after > 0 ? after : 10, resends: draft.confirm.resends, escalateTo: draft.confirm.escalateTo };
  }
  return request;
}

/**
 * Names of the people the screen can resolve by itself: picked contacts and numbers, members
 * of picked groups (with subgroups). Tag subscribers are the station's to know; its preview
 * replaces this estimate when it arrives.
 */
export function knownNames(
  directory: { groups: GroupNode[]; contacts: ContactView[] },
  groups: number[],
  draft: Pick<ComposeDraft, 'contacts' | 'phones'>,
): (string | null)[] {
  const byPhone = new Map<string, string | null>();
  const wanted = new Set<number>();
  for (const id of groups) {
    wanted.add(id);
    for (const d of descendantsOf(directory.groups, id)) wanted.add(d);
  }
  if (wanted.size > 0) {
    for (const c of directory.contacts) if (c.active && c.groupIds.some((g) => wanted.has(g))) byPhone.set(c.phone, c.name);
  }
  for (const c of draft.contacts) byPhone.set(c.phone, c.name);
  for (const p of draft.phones) if (!byPhone.has(p.phone)) byPhone.set(p.phone, p.name);
  return [...byPhone.values()];
}

export interface InstantCount {
  characters: number;
  encoding: Encoding;
  /** SMS per recipient: one figure, or a range when `{name}` makes texts differ. */
  range: SegmentRange;
}

/** The counter under the text, from shared/sms alone: no round trip to the station. */
export function instantCount(text: string, names: readonly (string | null)[]): InstantCount {
  const seg = countSegments(text);
  const range = hasNamePlaceholder(text) && names.length > 0 ? segmentRange(text, names) : { min: seg.segments, max: seg.segments, total: seg.segments * names.length };
  return { characters: seg.characters, encoding: seg.encoding, range };
}
