// Incoming concatenated SMS: parts arrive as separate deliver_sm PDUs, possibly out of order and
// possibly twice (an SMSC resends a part whose response was late). We hold the parts, and the
// responses owed for them, until the message is whole; the carrier commits it and only then
// acknowledges every part. A message whose parts never all arrive is released after a timeout
// with what came, marked, so a reply is never silently dropped.
import type { ConcatInfo } from './encoding.js';

export interface HeldPart<Ack> {
  seq: number;
  text: string;
  ack: Ack;
}

export interface CompletedMessage<Ack> {
  from: string;
  to: string;
  text: string;
  /** The concatenation reference and part count: with sender and text, the SMS's identity. */
  reference: number;
  total: number;
  /** Responses owed for every PDU that carried a part (duplicates included). */
  acks: Ack[];
  complete: boolean;
}

interface Pending<Ack> {
  from: string;
  to: string;
  reference: number;
  total: number;
  parts: Map<number, string>;
  acks: Ack[];
  timer: NodeJS.Timeout;
}

export class Reassembler<Ack> {
  private readonly pending = new Map<string, Pending<Ack>>();

  constructor(
    private readonly timeoutMs: number,
    private readonly onComplete: (message: CompletedMessage<Ack>) => void,
  ) {}

  /** Adds a part; calls onComplete (synchronously) when it was the last one missing. */
  add(from: string, to: string, concat: ConcatInfo, text: string, ack: Ack): void {
    const key = `${from}\u0000${to}\u0000${concat.reference}\u0000${concat.total}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = {
        from,
        to,
        reference: concat.reference,
        total: concat.total,
        parts: new Map(),
        acks: [],
        timer: setTimeout(() => this.release(key, false), this.timeoutMs),
      };
      this.pending.set(key, entry);
    }
    entry.parts.set(concat.seq, text);
    entry.acks.push(ack);
    if (entry.parts.size >= entry.total) this.release(key, true);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Releases everything held, incomplete: used when the carrier stops. */
  flush(): void {
    for (const key of [...this.pending.keys()]) this.release(key, false);
  }

  /** Forgets everything held without releasing it: after a disconnect, the SMSC resends. */
  drop(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private release(key: string, complete: boolean): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    const texts: string[] = [];
    for (let seq = 1; seq <= entry.total; seq++) {
      const part = entry.parts.get(seq);
      // A gap is shown where it is, so the dispatcher sees that something is missing.
      texts.push(part ?? (complete ? '' : '[…]'));
    }
    const { from, to, reference, total, acks } = entry;
    this.onComplete({ from, to, text: texts.join(''), reference, total, acks, complete });
  }
}
