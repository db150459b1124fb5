// What the feed shows: a stream (everything, replies, or one #tag) narrowed by filters. Pure
// functions over the slice's lists, so the slice can keep the view current per batch without
// rescanning 100,000 messages: a batch filters its new ids and re-checks the ones it changed.
import type { ContactView, GroupNode, MessageStatus, MessageView } from '../../../shared/protocol/index.js';
import { descendantsOf } from '../groups/tree.js';
import { getMessage, type MessageIndex } from './message-index.js';

/** `all`, `replies`, or a tag stream: `#` + the tag in its normalised form. */
export type FeedStream = 'all' | 'replies' | `#${string}`;

/** Statuses grouped the way a dispatcher asks about them. */
export type StatusBucket = 'pending' | 'sent' | 'delivered' | 'failed' | 'received';
export const STATUS_BUCKETS: readonly StatusBucket[] = ['pending', 'sent', 'delivered', 'failed', 'received'];

const BUCKET_OF: Record<MessageStatus, StatusBucket> = {
  queued: 'pending',
  sending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  expired: 'failed',
  cancelled: 'failed',
  received: 'received',
};

export interface FeedFilters {
  direction: 'any' | 'in' | 'out';
  status: StatusBucket | 'any';
  group: number | null;
  /** Replies the station could not link to a broadcast, order or poll. */
  unmatched: boolean;
  /** One broadcast, picked on the board. */
  broadcast: number | null;
}

export const NO_FILTERS: FeedFilters = { direction: 'any', status: 'any', group: null, unmatched: false, broadcast: null };

export function activeFilterCount(f: FeedFilters): number {
  return (f.direction !== 'any' ? 1 : 0) + (f.status !== 'any' ? 1 : 0) + (f.group !== null ? 1 : 0) + (f.unmatched ? 1 : 0) + (f.broadcast !== null ? 1 : 0);
}

/** The form tags are compared in (as the station stores them): lower case, ё → е, no '#'. */
export function normalizeTag(tag: string): string {
  return tag.replace(/^#/, '').toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
}

/** `#4711` is an order's number, not a stream (the station makes no tag of it either). */
export function isOrderNumberTag(tag: string): boolean {
  return /^\d{3,12}$/.test(tag.replace(/^#/, ''));
}

export type Predicate = (m: MessageView) => boolean;

/** null when nothing narrows the stream (the view is then the stream's own list). */
export function makePredicate(f: FeedFilters, directory: { groups: GroupNode[]; contacts: ContactView[] }): Predicate | null {
  if (activeFilterCount(f) === 0) return null;
  let members: Set<number> | null = null;
  if (f.group !== null) {
    const groups = new Set([f.group, ...descendantsOf(directory.groups, f.group)]);
    members = new Set(directory.contacts.filter((c) => c.groupIds.some((g) => groups.has(g))).map((c) => c.id));
  }
  return (m) =>
    (f.direction === 'any' || m.direction === f.direction) &&
    (f.status === 'any' || BUCKET_OF[m.status] === f.status) &&
    (members === null || (m.contactId !== null && members.has(m.contactId))) &&
    (!f.unmatched || (m.direction === 'in' && m.broadcastId === null && m.replyTo === null)) &&
    (f.broadcast === null || m.broadcastId === f.broadcast);
}

export interface StreamLists {
  order: number[];
  replies: number[];
  tagLists: Record<string, number[]>;
}

export function streamList(lists: StreamLists, stream: FeedStream): number[] {
  if (stream === 'all') return lists.order;
  if (stream === 'replies') return lists.replies;
  return lists.tagLists[stream.slice(1)] ?? EMPTY;
}

const EMPTY: number[] = [];

export function fullView(base: number[], byId: MessageIndex, predicate: Predicate | null): number[] {
  if (!predicate) return base;
  return base.filter((id) => {
    const m = getMessage(byId, id);
    return m !== undefined && predicate(m);
  });
}

/** Index of id in a descending list, or where it would go. */
export function searchDesc(list: readonly number[], id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! > id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A new descending list with `fresh` (descending, not in `list`) merged in. New messages are
 * nearly always newer than everything shown: then it is one copy, not one shift per message.
 */
export function mergeDesc(list: number[], fresh: number[]): number[] {
  if (fresh.length === 0) return list;
  if (list.length === 0 || fresh[fresh.length - 1]! > list[0]!) return fresh.concat(list);
  const out = list.slice();
  for (const id of fresh) {
    const at = searchDesc(out, id);
    if (out[at] !== id) out.splice(at, 0, id);
  }
  return out;
}

/**
 * The filtered view after a batch: new ids of the stream that pass go in; messages that changed
 * (a status moved on) go in or out as they now pass or fail.
 */
export function updateView(
  view: number[],
  freshInStream: number[],
  changed: MessageView[],
  inStream: (m: MessageView) => boolean,
  predicate: Predicate,
  byId: MessageIndex,
): number[] {
  let out = mergeDesc(
    view,
    freshInStream.filter((id) => predicate(getMessage(byId, id)!)),
  );
  let copied = out !== view;
  for (const m of changed) {
    if (!inStream(m)) continue;
    const at = searchDesc(out, m.id);
    const present = out[at] === m.id;
    const passes = predicate(m);
    if (present === passes) continue;
    if (!copied) {
      out = out.slice();
      copied = true;
    }
    if (passes) out.splice(at, 0, m.id);
    else out.splice(at, 1);
  }
  return out;
}
