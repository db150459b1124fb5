// Whether the store can write. A write that fails because of the disk — full, an I/O error, the
// file locked by another program or made read-only — puts the station in a read-only state
// instead of ending it: everything committed stays readable, new sends are refused with a clear
// sentence, carriers are told "try later" for what they deliver, and a probe write every few
// seconds brings it back by itself. The probe asks for fresh pages (a 1 MiB row, then gone), so
// it fails while the disk is still full rather than succeeding in a page that was already free.
import type { Db } from './database.js';

export type WriteTrouble = 'disk full' | 'I/O error' | 'locked' | 'read-only file';

export interface StoreState {
  state: 'ok' | 'read-only';
  /** "read-only — disk full", or null when writable. */
  detail: string | null;
  reason: WriteTrouble | null;
  since: number | null;
}

/** The kind of store trouble an error is, or null when it is something else (a bug, bad input). */
export function writeTrouble(err: unknown): WriteTrouble | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return 'disk full';
  if (code.startsWith('SQLITE_IOERR')) return code === 'SQLITE_IOERR_NOMEM' ? null : 'I/O error';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only file';
  return null;
}

export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  constructor(readonly reason: WriteTrouble) {
    super(`The store cannot write (${reason}).`);
  }
}

/** More than the disk reserve (disk-reserve.ts), so a store started on it stays read-only. */
const PROBE_BYTES = 1024 * 1024;

export class WriteHealth {
  private current: StoreState = { state: 'ok', detail: null, reason: null, since: null };
  private readonly listeners = new Set<(s: StoreState) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly probeEveryMs = 2_000,
  ) {}

  get state(): StoreState {
    return this.current;
  }

  get writable(): boolean {
    return this.current.state === 'ok';
  }

  /** Throws StoreWriteError while the store is read-only. */
  check(): void {
    if (this.current.reason) throw new StoreWriteError(this.current.reason);
  }

  /** An error a write threw: true (and read-only from now) when it was the store's own trouble. */
  failed(err: unknown): boolean {
    const reason = writeTrouble(err);
    if (!reason) return false;
    if (this.current.reason !== reason) {
      this.current = { state: 'read-only', detail: `read-only — ${reason}`, reason, since: this.current.since ?? Date.now() };
      this.tell();
    }
    this.timer ??= setInterval(() => this.probe(), this.probeEveryMs);
    this.timer.unref();
    return true;
  }

  /** Opened on a disk without room (the reserve given up): read-only until a probe writes. */
  startReadOnly(reason: WriteTrouble): void {
    this.current = { state: 'read-only', detail: `read-only — ${reason}`, reason, since: Date.now() };
    this.timer ??= setInterval(() => this.probe(), this.probeEveryMs);
    this.timer.unref();
    this.tell();
  }

  /** Runs a write; a store trouble it hits is noted and thrown as StoreWriteError. */
  write<T>(step: () => T): T {
    try {
      return step();
    } catch (err) {
      if (this.failed(err)) throw new StoreWriteError(writeTrouble(err)!);
      throw err;
    }
  }

  onChange(listener: (s: StoreState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tries a write that needs fresh pages; writable again when it commits. */
  probe(): boolean {
    try {
      this.db.transaction(() => {
        this.db.exec('CREATE TABLE IF NOT EXISTS store_probe (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
        this.db.prepare('INSERT INTO store_probe (data) VALUES (zeroblob(?))').run(PROBE_BYTES);
        this.db.exec('DELETE FROM store_probe');
      }).immediate();
    } catch (err) {
      if (!this.failed(err)) throw err;
      return false;
    }
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.current.state !== 'ok') {
      this.current = { state: 'ok', detail: null, reason: null, since: null };
      this.tell();
    }
    return true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tell(): void {
    for (const l of this.listeners) {
      try {
        l(this.current);
      } catch {
        // A listener's trouble is its own.
      }
    }
  }
}
