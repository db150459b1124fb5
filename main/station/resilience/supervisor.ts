// Subsystems that must keep running — each carrier, the webhook queues, the IMAP mailbox — are
// started through here. One that fails to start, or reports that it failed while running, is
// started again after a back-off (1 s, doubling to 5 min, reset after it runs well for a while),
// and what happened is logged and kept for health and the board, in words.
import type { Logger } from '../log.js';

export interface SubsystemStatus {
  name: string;
  state: 'running' | 'restarting';
  /** Why it is being restarted, in words; null while it runs. */
  detail: string | null;
  restarts: number;
}

interface Entry {
  status: SubsystemStatus;
  start: () => Promise<void> | void;
  backoffMs: number;
  timer: NodeJS.Timeout | null;
  startedAt: number;
}

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 300_000;
/** Running this long without a failure resets the back-off. */
const HEALTHY_AFTER_MS = 60_000;

export class Supervisor {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly log: Logger,
    private readonly changed: (status: SubsystemStatus) => void = () => undefined,
  ) {}

  /** Starts `name`; if it throws, it is started again later. */
  async run(name: string, start: () => Promise<void> | void): Promise<void> {
    const entry: Entry = { status: { name, state: 'running', detail: null, restarts: 0 }, start, backoffMs: FIRST_BACKOFF_MS, timer: null, startedAt: Date.now() };
    this.entries.set(name, entry);
    await this.attempt(entry);
  }

  /** A running subsystem says it broke: it is started again after the back-off. */
  failed(name: string, err: unknown): void {
    const entry = this.entries.get(name);
    if (!entry) {
      this.log.error({ err, subsystem: name }, 'subsystem failed');
      return;
    }
    this.schedule(entry, err);
  }

  /** `name` was stopped on purpose (switched off, or replaced by new settings): no more restarts. */
  forget(name: string): void {
    const entry = this.entries.get(name);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(name);
  }

  statuses(): SubsystemStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status }));
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
  }

  private async attempt(entry: Entry): Promise<void> {
    entry.timer = null;
    if (this.stopped) return;
    try {
      await entry.start();
    } catch (err) {
      this.schedule(entry, err);
      return;
    }
    if (Date.now() - entry.startedAt > HEALTHY_AFTER_MS) entry.backoffMs = FIRST_BACKOFF_MS;
    entry.startedAt = Date.now();
    if (entry.status.state !== 'running') {
      entry.status = { ...entry.status, state: 'running', detail: null };
      this.log.warn({ subsystem: entry.status.name, restarts: entry.status.restarts }, 'subsystem running again');
      this.changed({ ...entry.status });
    }
  }

  private schedule(entry: Entry, err: unknown): void {
    // Forgotten (or replaced) while it was starting: nobody wants it running any more.
    if (this.stopped || entry.timer || this.entries.get(entry.status.name) !== entry) return;
    if (Date.now() - entry.startedAt > HEALTHY_AFTER_MS) entry.backoffMs = FIRST_BACKOFF_MS;
    const wait = entry.backoffMs;
    entry.backoffMs = Math.min(MAX_BACKOFF_MS, entry.backoffMs * 2);
    const why = err instanceof Error ? err.message : String(err);
    entry.status = {
      ...entry.status,
      state: 'restarting',
      restarts: entry.status.restarts + 1,
      detail: `Failed (${why}); starting it again in ${Math.round(wait / 1000)} s.`,
    };
    this.log.error({ err, subsystem: entry.status.name, retryInMs: wait }, 'subsystem failed; restarting with back-off');
    this.changed({ ...entry.status });
    entry.timer = setTimeout(() => void this.attempt(entry), wait);
    entry.timer.unref();
  }
}
