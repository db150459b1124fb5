// Inbound SMS and status reports, every way a modem hands them over (27.005 §3.4.1):
// - stored and announced: +CMTI / +CDSI "<mem>",<index> for any storage (SM, ME, SR…), read from
//   that storage (AT+CPMS="<mem>" first), not from the preferred one;
// - delivered straight to us: +CMT / +CDS with the PDU, acknowledged (AT+CNMA) after commit when
//   the modem runs phase 2+ (AT+CSMS=1);
// - found by listing: each storage is listed at start, on a timer, and shortly after we delete
//   (an SMS can land in a slot the moment it is freed, announced in the same read as the OK).
// Nothing is deleted before the sink says it is committed. One worker reads and deletes, in order,
// so an announcement is never lost to a read in progress. An entry that cannot be read is kept in
// the store raw (for the record) and its slot freed; a full storage is reported with its count.
import type { InboundSms } from '../carrier.js';
import type { AtRunner } from './at-session.js';
import type { Urc } from './at-urcs.js';
import { fields } from './at-result.js';
import { decodeText, quoted, type Charset } from './charset.js';
import { AtCommandError } from './errors.js';
import { inboundIdentity, type PartSource } from './inbound-identity.js';
import { parseStorage, type StorageUse } from './modem-setup.js';
import { decodePdu, type StatusReportPdu } from './pdu/decode.js';
import { Reassembler, type WholeMessage } from './reassembly.js';

export interface InboxEvents {
  /** Resolves once committed; rejects when the store could not take it. */
  inbound(sms: InboundSms): Promise<void>;
  report(pdu: StatusReportPdu): void;
  /** The storage state: a sentence while it is full, null once it is not. */
  problem(detail: string | null): void;
  /** Something went wrong with one SMS; shown for a while. */
  note(detail: string): void;
}

export interface InboxOptions {
  modemId: string;
  /** The storage read by default (mem1). */
  readMemory: string;
  /** Storages to list; storages named in +CMTI/+CDSI join them. */
  memories: readonly string[];
  charset: Charset | null;
  /** +CMT and +CDS need AT+CNMA (phase 2+). */
  acknowledge: boolean;
  reassemblyTimeoutMs: number;
  /** Delay of the listing that follows deletes (coalesces a burst). */
  relistDelayMs?: number;
}

type Handle = PartSource & { seq: number };

interface Entry {
  index: number;
  pdu: string | null;
}

const slotKey = (memory: string, index: number) => `${memory}:${index}`;
const UNREADABLE_PATIENCE_MS = 2 * 60_000;
const isHex = (s: string | null | undefined): s is string => !!s && /^[0-9A-Fa-f]+$/.test(s) && s.length % 2 === 0;

/**
 * How long a listing may take. The modem reads every SMS off the SIM first (some take a few tenths
 * of a second each), so the time grows with what it counts; a small one stays short, because the
 * watchdog waits while a command is in flight and a modem that hangs mid-listing must be found soon.
 */
function listingTimeoutMs(use: StorageUse | null): number {
  return use ? Math.min(60_000, 10_000 + 500 * use.used) : 30_000;
}

export class ModemInbox {
  private readonly reassembler: Reassembler<Handle>;
  /** Slots read and waiting (other parts, or the commit): never read twice. */
  private readonly held = new Set<string>();
  /** Unreadable slots: how many passes found them so, since when. */
  private readonly strikes = new Map<string, { count: number; since: number; full: boolean }>();
  private readonly memories: Set<string>;
  private selected: string | null = null;
  private work: Promise<void> = Promise.resolve();
  private readonly listQueued = new Set<string>();
  private readonly relistTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;
  private readonly stopUrcs: Array<() => void> = [];
  /** Direct deliveries the modem acknowledged by itself (CSMS 0) that the store refused: tried again. */
  private readonly unsaved: Array<WholeMessage<Handle>> = [];

  constructor(
    private readonly session: AtRunner & { onUrc(prefix: string, h: (u: Urc) => void, o?: { body?: boolean }): () => void },
    private readonly events: InboxEvents,
    private readonly o: InboxOptions,
  ) {
    this.reassembler = new Reassembler<Handle>(o.reassemblyTimeoutMs);
    this.memories = new Set([o.readMemory, ...o.memories]);
    this.stopUrcs.push(
      session.onUrc('+CMTI', (u) => this.announced(u)),
      session.onUrc('+CDSI', (u) => this.announced(u)),
      session.onUrc('+CMT', (u) => void this.direct(u), { body: true }),
      session.onUrc('+CDS', (u) => void this.direct(u), { body: true }),
    );
  }

  /** Stops listening; what is held stays in storage and is read by the next inbox. */
  close(): void {
    this.closed = true;
    for (const stop of this.stopUrcs.splice(0)) stop();
    for (const t of this.relistTimers.values()) clearTimeout(t);
    this.relistTimers.clear();
  }

  /** Lists every storage. Resolves when done. */
  readAll(): Promise<void> {
    return Promise.all([...this.memories].map((m) => this.list(m))).then(() => undefined);
  }

  /** Commits messages whose missing parts never came, with a visible gap; retries refused direct ones. */
  expire(now: number): Promise<void> {
    return this.enqueue(async () => {
      for (const whole of this.reassembler.expire(now)) await this.commit(whole);
      for (const whole of this.unsaved.splice(0)) if (!(await this.commit(whole))) this.unsaved.push(whole);
    });
  }

  /** Reports the preferred storage full (with its count) or not. */
  checkStorage(): Promise<void> {
    return this.enqueue(async () => {
      const use = await this.select(this.o.readMemory, true);
      if (use && use.total > 0 && use.used >= use.total) {
        this.events.problem(`SIM message storage is full (${use.used}/${use.total}); new SMS cannot arrive until it is emptied.`);
      } else this.events.problem(null);
    });
  }

  // ---- announcements ----

  private announced(u: Urc): void {
    const f = fields(u.line);
    const memory = decodeText(this.o.charset, f[0] ?? '').toUpperCase() || this.o.readMemory;
    const index = Number(f[1]);
    if (!Number.isInteger(index)) return;
    this.memories.add(memory);
    void this.enqueue(() => this.readSlot(memory, index));
  }

  /** +CMT / +CDS: the PDU came with the URC; nothing is stored on the modem. */
  private async direct(u: Urc): Promise<void> {
    const hex = u.body ?? '';
    let decoded;
    try {
      decoded = decodePdu(hex);
    } catch (e) {
      // Unreadable yet acknowledged: kept raw in the store first, so nothing is silently lost.
      await this.commitRaw(`[unreadable SMS delivered directly, PDU ${hex}]`, [{ pdu: hex }]);
      await this.acknowledge();
      this.events.note(`An incoming SMS could not be decoded (${e instanceof Error ? e.message : String(e)}); it was kept as received.`);
      return;
    }
    if (decoded.type === 'status-report') {
      this.events.report(decoded);
      await this.acknowledge();
      return;
    }
    if (decoded.type !== 'deliver') return this.acknowledge();
    const whole = this.reassembler.add({ from: decoded.from, text: decoded.text, sentAt: decoded.sentAt, concat: decoded.concat, handle: { pdu: hex, seq: decoded.concat?.seq ?? 1 } }, Date.now());
    if (!whole) {
      // One part of several: acknowledged now (the network would resend it, not the others);
      // the message is committed when its last part comes.
      await this.acknowledge();
      return;
    }
    if (await this.commit(whole)) await this.acknowledge();
    // Not committed: with phase 2+ no acknowledgement, so the network delivers it again later;
    // in phase 2 the modem has acknowledged it already, so it is kept here and tried again.
    else if (!this.o.acknowledge) this.unsaved.push(whole);
  }

  private async acknowledge(): Promise<void> {
    if (!this.o.acknowledge || this.closed) return;
    try {
      await this.session.run({ text: 'AT+CNMA', urgent: true, timeoutMs: 5_000 });
    } catch (e) {
      // +CMS ERROR 340: no acknowledgement was expected after all.
      if (!(e instanceof AtCommandError && e.code === 340)) this.events.note(`The modem did not take the acknowledgement (AT+CNMA): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // ---- the worker ----

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(() => (this.closed ? undefined : task()));
    this.work = run.catch((e: unknown) => {
      if (!this.closed) this.events.note(`Reading SMS from the modem failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.work;
  }

  private list(memory: string): Promise<void> {
    if (this.listQueued.has(memory)) return this.work;
    this.listQueued.add(memory);
    return this.enqueue(async () => {
      this.listQueued.delete(memory);
      await this.listNow(memory);
    });
  }

  private scheduleList(memory: string): void {
    if (this.closed || this.relistTimers.has(memory)) return;
    this.relistTimers.set(memory, setTimeout(() => {
      this.relistTimers.delete(memory);
      void this.list(memory);
    }, this.o.relistDelayMs ?? 100));
  }

  /** Makes `memory` the one read and deleted from (mem1); its use as the modem counts it. */
  private async select(memory: string, force = false): Promise<StorageUse | null> {
    if (this.selected === memory && !force) return null;
    const r = await this.session.run({ text: `AT+CPMS=${quoted(this.o.charset, memory)}`, prefix: '+CPMS' });
    this.selected = memory;
    return parseStorage(r.lines[0]);
  }

  private async readSlot(memory: string, index: number): Promise<void> {
    if (this.held.has(slotKey(memory, index))) return;
    await this.select(memory);
    let r;
    try {
      r = await this.session.run({ text: `AT+CMGR=${index}`, prefix: '+CMGR', pduBodies: true, timeoutMs: 10_000 });
    } catch (e) {
      // An empty slot (already read by a listing) is no news; anything else is looked at by the next listing.
      if (e instanceof AtCommandError && e.family === 'cms' && e.code === 321) return;
      if (e instanceof AtCommandError && (e.family === 'cms' || e.family === 'cme')) this.scheduleList(memory);
      throw e;
    }
    const pdu = r.lines.find((l) => !l.startsWith('+CMGR'));
    if (isHex(pdu)) await this.take(memory, index, pdu);
  }

  private async listNow(memory: string): Promise<void> {
    const use = await this.select(memory, true);
    if (memory === this.o.readMemory && use && use.total > 0 && use.used >= use.total) {
      this.events.problem(`SIM message storage is full (${use.used}/${use.total}); reading it out.`);
    }
    let entries: Entry[];
    try {
      const r = await this.session.run({ text: 'AT+CMGL=4', prefix: '+CMGL', pduBodies: true, timeoutMs: listingTimeoutMs(use) });
      entries = parseListing(r.lines);
    } catch (e) {
      if (!(e instanceof AtCommandError) || e.family === 'timeout' || e.family === 'closed') throw e;
      // Some storages cannot be listed (SR on many sticks), or one broken entry fails the list: read slot by slot.
      entries = [];
    }
    const listed = new Set(entries.map((e) => e.index));
    const full = !!use && use.total > 0 && use.used >= use.total;
    for (const entry of entries) {
      if (this.held.has(slotKey(memory, entry.index))) continue;
      if (isHex(entry.pdu)) await this.take(memory, entry.index, entry.pdu);
      else await this.probe(memory, entry.index, full);
    }
    // The modem counts more than it listed: find the rest one slot at a time (bounded by its size),
    // stopping once all it counts are found.
    if (use && use.used > listed.size && use.total > 0 && use.total <= 1_000) {
      let missing = use.used - listed.size - [...this.held].filter((k) => k.startsWith(`${memory}:`) && !listed.has(Number(k.split(':')[1]))).length;
      for (let index = 0; index <= use.total && missing > 0; index++) {
        if (!listed.has(index) && !this.held.has(slotKey(memory, index)) && (await this.probe(memory, index, full))) missing--;
      }
    }
    if (memory === this.o.readMemory) {
      const after = await this.select(memory, true);
      if (after && after.total > 0 && after.used >= after.total) {
        this.events.problem(`SIM message storage is full (${after.used}/${after.total}); new SMS cannot arrive until it is emptied.`);
      } else this.events.problem(null);
    }
  }

  /** Reads one slot a listing could not give; true when something is in it. */
  private async probe(memory: string, index: number, full: boolean): Promise<boolean> {
    try {
      const r = await this.session.run({ text: `AT+CMGR=${index}`, prefix: '+CMGR', pduBodies: true, timeoutMs: 10_000 });
      const pdu = r.lines.find((l) => !l.startsWith('+CMGR'));
      if (r.lines.length === 0) return false; // empty
      if (isHex(pdu)) await this.take(memory, index, pdu);
      else await this.strike(memory, index, 'no PDU in its answer', pdu ?? null, full);
      return true;
    } catch (e) {
      if (!(e instanceof AtCommandError) || e.family === 'timeout' || e.family === 'closed') throw e;
      if (e.family === 'cms' && e.code === 321) return false; // an empty slot (or index 0 on a modem counting from 1)
      if (e.family === 'cms' && (e.code === 302 || e.code === 314)) return true; // busy now: next time
      await this.strike(memory, index, e.family === 'plain' ? e.text : `+${e.family.toUpperCase()} ERROR ${e.text}`, null, full);
      return true;
    }
  }

  /**
   * An unreadable slot. With its raw PDU in hand it is kept and freed at once. Without one (the
   * modem itself fails to read it) a passing error must not cost an SMS: it is freed only after
   * three failed passes over two minutes, or two when the storage is full and blocks new SMS.
   */
  private async strike(memory: string, index: number, what: string, hex: string | null, full = false): Promise<void> {
    const key = slotKey(memory, index);
    const now = Date.now();
    const s = this.strikes.get(key) ?? { count: 0, since: now, full };
    s.count++;
    s.full ||= full;
    this.strikes.set(key, s);
    const settled = s.full ? s.count >= 2 : s.count >= 3 && now - s.since >= UNREADABLE_PATIENCE_MS;
    if (hex === null && !settled) {
      // A full storage is looked at again at once; otherwise the next timed listing will do.
      if (s.full) this.scheduleList(memory);
      return;
    }
    const text = `[unreadable SMS in ${memory} slot ${index}: ${what}${hex ? `, PDU ${hex}` : ''}]`;
    if (await this.commitRaw(text, [{ memory, index, pdu: hex ?? what }])) {
      await this.delete(memory, index);
      this.strikes.delete(key);
      this.events.note(`Freed ${memory} slot ${index}, which held an unreadable SMS (kept in the history as received).`);
    }
  }

  private async take(memory: string, index: number, hex: string): Promise<void> {
    const key = slotKey(memory, index);
    if (this.held.has(key)) return;
    let decoded;
    try {
      decoded = decodePdu(hex);
    } catch (e) {
      await this.strike(memory, index, `cannot decode it (${e instanceof Error ? e.message : String(e)})`, hex);
      return;
    }
    if (decoded.type === 'status-report') {
      this.events.report(decoded);
      await this.delete(memory, index);
      return;
    }
    if (decoded.type !== 'deliver') {
      await this.delete(memory, index); // a stored SUBMIT (a draft left on the SIM) is not ours to deliver
      return;
    }
    this.held.add(key);
    const whole = this.reassembler.add(
      { from: decoded.from, text: decoded.text, sentAt: decoded.sentAt, concat: decoded.concat, handle: { memory, index, pdu: hex, seq: decoded.concat?.seq ?? 1 } },
      Date.now(),
    );
    if (whole) await this.commit(whole);
  }

  /** Commits, then deletes what was stored. True when committed. */
  private async commit(whole: WholeMessage<Handle>): Promise<boolean> {
    const parts = [...whole.handles].sort((a, b) => a.seq - b.seq);
    const stored = parts.filter((h): h is Handle & { memory: string; index: number } => h.memory !== undefined && h.index !== undefined);
    try {
      await this.events.inbound({
        from: whole.from,
        text: whole.text,
        receivedAt: Number.isFinite(whole.sentAt) ? whole.sentAt : Date.now(),
        carrierRef: inboundIdentity(this.o.modemId, parts, whole.missing > 0 ? 'partial-' : ''),
      });
    } catch (e) {
      // Not committed: it stays in storage and is read again by the next listing.
      for (const h of stored) this.held.delete(slotKey(h.memory, h.index));
      this.events.note(`An incoming SMS could not be saved and stays on the SIM: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    for (const h of stored) {
      try {
        await this.delete(h.memory, h.index);
      } finally {
        this.held.delete(slotKey(h.memory, h.index));
      }
    }
    return true;
  }

  private async commitRaw(text: string, parts: PartSource[]): Promise<boolean> {
    try {
      await this.events.inbound({ from: 'unknown', text, receivedAt: Date.now(), carrierRef: inboundIdentity(this.o.modemId, parts, 'raw-') });
      return true;
    } catch (e) {
      this.events.note(`An unreadable SMS could not be saved and stays on the SIM: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  private async delete(memory: string, index: number): Promise<void> {
    await this.select(memory);
    await this.session.run({ text: `AT+CMGD=${index}`, timeoutMs: 10_000 });
    // Something may have landed in the freed slot, announced in the same breath as the OK.
    this.scheduleList(memory);
  }
}

/** `+CMGL: <index>,<stat>,[<alpha>],<length>` lines, each with the PDU line that follows (if any). */
export function parseListing(lines: readonly string[]): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('+CMGL')) continue;
    const index = Number(fields(line)[0]);
    if (!Number.isInteger(index)) continue;
    const next = lines[i + 1];
    if (next !== undefined && !next.startsWith('+CMGL')) {
      out.push({ index, pdu: next });
      i++;
    } else out.push({ index, pdu: null });
  }
  return out;
}
