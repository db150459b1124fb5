// A message row as the history queries select it, and its wire form with highlights.
import type { MessageHit } from '../../../shared/protocol/history.js';
import { highlight } from '../domain/search-highlight.js';
import type { ParsedQuery } from '../domain/search-query.js';
import { toView, VIEW_COLUMNS, type MessageRow as StoreMessageRow } from '../store/messages.js';

/** A message row as the history queries select it: the store's view plus send and delivery times. */
export interface MessageRow extends StoreMessageRow {
  sent_at: number | null;
  delivered_at: number | null;
}

export const MESSAGE_COLUMNS = `${VIEW_COLUMNS}, m.sent_at, m.delivered_at`;

export function toHit(row: MessageRow, query: ParsedQuery): MessageHit {
  const { snippet, highlights } = highlight(row.text, query);
  return { ...toView(row), sentAt: row.sent_at, deliveredAt: row.delivered_at, snippet, highlights };
}
