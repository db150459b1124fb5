// Joins the parts of a concatenated inbound SMS. Parts are keyed by sender + reference + total
// (8- and 16-bit references never collide: the width is part of the key). A message whose parts
// never all arrive is handed on after `timeoutMs` with a visible gap rather than kept forever.
import type { ConcatInfo } from './pdu/user-data.js';

export interface InboundPart<Handle> {
  from: string;
  text: string;
  sentAt: number;
  concat: ConcatInfo | null;
  /** What must be acknowledged (deleted from storage) once the whole message is committed. */
  handle: Handle;
}

export interface WholeMessage<Handle> {
  from: string;
  text: string;
  sentAt: number;
  handles: Handle[];
  /** Parts that never came (timeout). */
  missing: number;
  key: string;
}

interface Pending<Handle> {
  from: string;
  total: number;
  parts: Map<number, { text: string; sentAt: number; handles: Handle[] }>;
  firstSeen: number;
}

export const MISSING_PART_MARK = '[…]';

export class Reassembler<Handle> {
  private readonly pending = new Map<string, Pending<Handle>>();

  constructor(private readonly timeoutMs: number) {}

  /** Adds a part; returns the whole message when this part completes it. */
  add(part: InboundPart<Handle>, now: number): WholeMessage<Handle> | null {
    const c = part.concat;
    if (!c || c.total <= 1) {
      return { from: part.from, text: part.text, sentAt: part.sentAt, handles: [part.handle], missing: 0, key: `${part.from}/${part.sentAt}` };
    }
    const key = `${part.from}/${c.refBits}:${c.ref}/${c.total}`;
    let p = this.pending.get(key);
    if (!p) {
      p = { from: part.from, total: c.total, parts: new Map(), firstSeen: now };
      this.pending.set(key, p);
    }
    const existing = p.parts.get(c.seq);
    // The same part read twice (storage re-read after a restart) adds only its handle.
    if (existing) existing.handles.push(part.handle);
    else p.parts.set(c.seq, { text: part.text, sentAt: part.sentAt, handles: [part.handle] });
    if (p.parts.size < p.total) return null;
    this.pending.delete(key);
    return this.join(key, p);
  }

  /** Messages whose wait has run out, joined with a mark where parts are missing. */
  expire(now: number): WholeMessage<Handle>[] {
    const out: WholeMessage<Handle>[] = [];
    for (const [key, p] of this.pending) {
      if (now - p.firstSeen >= this.timeoutMs) {
        this.pending.delete(key);
        out.push(this.join(key, p));
      }
    }
    return out;
  }

  get size(): number {
    return this.pending.size;
  }

  private join(key: string, p: Pending<Handle>): WholeMessage<Handle> {
    let text = '';
    let missing = 0;
    let sentAt = Infinity;
    const handles: Handle[] = [];
    for (let seq = 1; seq <= p.total; seq++) {
      const part = p.parts.get(seq);
      if (!part) {
        missing++;
        text += MISSING_PART_MARK;
        continue;
      }
      text += part.text;
      sentAt = Math.min(sentAt, part.sentAt);
      handles.push(...part.handles);
    }
    return { from: p.from, text, sentAt, handles, missing, key };
  }
}
