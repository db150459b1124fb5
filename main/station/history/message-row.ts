// A message row as the history queries select it, and its wire form with highlights.
import type { MessageHit } from '../../../shared/protocol/history.js';
import { highlight } from '../domain/search-highlight.js';
import type { ParsedQuery } from '../domain/search-query.js';

export interface MessageRow {
  id: number;
  direction: 'in' | 'out';
  broadcast_id: number | null;
  reply_to: number | null;
  contact_id: number | null;
  contact_name: string | null;
  phone: string;
  text: string;
  tags: string;
  segments: number;
  status: MessageHit['status'];
  error: string | null;
  carrier_id: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  delivered_at: number | null;
}

export const MESSAGE_COLUMNS = `m.id, m.direction, m.broadcast_id, m.reply_to, m.contact_id, c.name AS contact_name,
  m.phone, m.text, m.tags, m.segments, m.status, m.error, m.carrier_id, m.created_at, m.updated_at,
  m.sent_at, m.delivered_at`;

export function toHit(row: MessageRow, query: ParsedQuery): MessageHit {
  const { snippet, highlights } = highlight(row.text, query);
  return {
    id: row.id,
    direction: row.direction,
    broadcastId: row.broadcast_id,
    replyTo: row.reply_to,
    contactId: row.contact_id,
    contactName: row.contact_name,
    phone: row.phone,
    text: row.text,
    tags: row.tags.split(' ').filter(Boolean),
    segments: row.segments,
    status: row.status,
    error: row.error,
    carrier: row.carrier_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    snippet,
    highlights,
  };
}

