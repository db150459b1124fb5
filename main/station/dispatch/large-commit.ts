// A broadcast to many thousands committed without freezing the station (DESIGN §1 "Nothing is
// lost", issue 13 case 6). Three phases, each in small steps with the event loop free between them:
//
//  1. staging: a worker thread resolves the audience and checks rights (audience-worker.ts); its
//     rows are written to `broadcast_staging` a chunk at a time. Nothing is in the outbox yet; a
//     crash or an error here abandons the broadcast, and nothing was sent.
//  2. committed: one statement marks the broadcast `moving`. From here it is all-or-nothing done:
//     every recipient is stored, and a restart carries on (resume()).
//  3. moving: the staged rows move into `messages` (queued) a chunk at a time; the outbox starts on
//     the first chunk. The board shows "preparing N" until the last one.
//
// The outbox never sees a broadcast that could still fail to commit, and no step holds SQLite's
// write lock or the event loop for more than a chunk.
import type { Store } from '../store/store.js';
import type { DispatchResult } from './dispatch.js';
import type { SendingActor } from './rights.js';
import type { RecipientRequest } from './recipients.js';
import { audienceRows, personalTexts, resolveAudience } from './audience.js';
import { startAudienceWorker, type AudienceJob, type AudienceMessage } from './audience-job.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { writeTrouble } from '../store/write-health.js';
import { countSegments } from '../../../shared/sms/segments.js';
import type { StationRefusal } from '../i18n/refusals.js';

/** Rows per staging or moving step: a few milliseconds of SQLite work each (FTS and counters included). */
export const COMMIT_CHUNK = 250;

export interface LargeCommitHooks {
  /** Progress changed (staged or moved a chunk): the board's "preparing N". */
  progress(broadcastId: number): void;
  /** The first messages are in the outbox. */
  queued(broadcastId: number): void;
  /** Every message is in the outbox: the same as an ordinary send's commit. */
  committed(broadcastId: number): void;
  /** A step failed and will be tried again (logged). */
  trouble?(err: unknown): void;
}

export interface LargeSend {
  broadcastId: number;
  actor: SendingActor;
  request: RecipientRequest & { source: string; kind: string };
  text: string;
  segments: number;
  /** Refusals found before staging (escalation groups left out of the chain). */
  refused: StationRefusal[];
  /** What the audit's `send` line says besides the count. */
  audit: Record<string, unknown>;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Wait before trying again after the store refused a write. */
const RETRY_MS = 2_000;

export class LargeCommits {
  private readonly st;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly hooks: LargeCommitHooks,
    private readonly chunk = COMMIT_CHUNK,
  ) {
    const db = store.db;
    this.st = {
      stage: db.prepare(
        `INSERT INTO broadcast_staging (broadcast_id, seq, contact_id, phone, text, segments)
         SELECT @id, @base + r.key, r.value ->> '$.contactId', r.value ->> '$.phone', r.value ->> '$.text', r.value ->> '$.segments'
         FROM json_each(@rows) r`,
      ),
      total: db.prepare('UPDATE broadcasts SET total = ? WHERE id = ?'),
      state: db.prepare('SELECT preparing, cancelled_at FROM broadcasts WHERE id = ?'),
      commit: db.prepare(`UPDATE broadcasts SET preparing = 'moving' WHERE id = ? AND preparing = 'staging'`),
      move: db.prepare(
        `INSERT INTO messages (direction, broadcast_id, contact_id, phone, text, tags, segments, status, priority,
           next_attempt_at, valid_until, created_at, updated_at)
         SELECT 'out', b.id, s.contact_id, s.phone, coalesce(s.text, b.text), b.tags, coalesce(s.segments, @segments), 'queued', b.priority,
           coalesce(b.scheduled_at, 0), b.valid_until, b.created_at, @now
         FROM broadcast_staging s JOIN broadcasts b ON b.id = s.broadcast_id
         WHERE s.broadcast_id = @id AND s.seq >= @from AND s.seq < @to AND b.cancelled_at IS NULL
         ORDER BY s.seq
         ON CONFLICT DO NOTHING`,
      ),
      unstage: db.prepare('DELETE FROM broadcast_staging WHERE broadcast_id = ? AND seq < ?'),
      firstSeq: db.prepare('SELECT min(seq) FROM broadcast_staging WHERE broadcast_id = ?').pluck(),
      done: db.prepare(`UPDATE broadcasts SET preparing = NULL WHERE id = ?`),
      abandon: db.prepare(`UPDATE broadcasts SET preparing = 'abandoned', cancelled_at = coalesce(cancelled_at, ?) WHERE id = ?`),
      dropStaged: db.prepare('DELETE FROM broadcast_staging WHERE broadcast_id = ?'),
      text: db.prepare(`SELECT text FROM broadcasts WHERE id = ?`).pluck(),
    };
  }

  /**
   * Phases 1–3 for a broadcast row created with preparing = 'staging'. `committed` resolves at the
   * commit point (every recipient stored: it will be sent), `queued` once every message is in the
   * outbox. A store that cannot write while staging refuses the send (read-only, in words); one that
   * cannot write while moving pauses the move until it can (the broadcast is committed).
   */
  commit(send: LargeSend): { committed: Promise<DispatchResult>; queued: Promise<void> } {
    const committed = this.stageAndCommit(send);
    const queued = committed.then((r) => (r.broadcastId !== null && r.recipients > 0 ? this.move(r.broadcastId) : undefined));
    queued.catch(() => undefined);
    return { committed, queued };
  }

  private async stageAndCommit(send: LargeSend): Promise<DispatchResult> {
    const { broadcastId: id } = send;
    let staged = 0;
    let refused: StationRefusal[] = [];
    let segments: number | null = null;
    try {
      for await (const m of this.audience(send)) {
        if (m.type === 'rows') {
          if (this.cancelled(id)) throw new StageCancelled();
          const n = this.st.stage.run({ id, base: staged, rows: m.json }).changes;
          staged += n;
          this.hooks.progress(id);
          await yieldToLoop();
        } else if (m.type === 'done') {
          refused = m.refused;
          segments = m.segments;
        }
      }
    } catch (err) {
      this.abandon(id, send.actor, err instanceof StageCancelled ? 'cancelled while it was being prepared' : String((err as Error).message ?? err));
      if (err instanceof StageCancelled) return { broadcastId: id, recipients: 0, segments: send.segments, refused: [] };
      throw this.asRefusal(err);
    }
    const allRefused = [...send.refused, ...refused];
    if (allRefused.length > 0) {
      this.store.audit.record(send.actor, 'send.refused', `broadcast:${id}`, { source: send.request.source, refused: allRefused });
    }
    if (staged === 0) {
      this.abandon(id, send.actor, 'nobody to send to');
      return { broadcastId: null, recipients: 0, segments: send.segments, refused: allRefused };
    }
    // The commit: one statement, after which every recipient is stored and will be sent.
    let committed: boolean;
    try {
      committed = this.store.db.transaction(() => {
        if (this.st.commit.run(id).changes === 0) return false;
        this.st.total.run(staged, id);
        this.store.audit.record(send.actor, 'send', `broadcast:${id}`, { ...send.audit, recipients: staged, staged: true });
        return true;
      })();
    } catch (err) {
      this.abandon(id, send.actor, String((err as Error).message ?? err));
      throw this.asRefusal(err);
    }
    if (!committed) {
      // Cancelled between the last chunk and the commit.
      this.abandon(id, send.actor, 'cancelled while it was being prepared');
      return { broadcastId: id, recipients: 0, segments: send.segments, refused: allRefused };
    }
    return { broadcastId: id, recipients: staged, segments: segments ?? send.segments, refused: allRefused };
  }

  /** A store that could not write is the station's read-only state, said as any refused send says it. */
  private asRefusal(err: unknown): unknown {
    if (!this.store.writes.failed(err)) return err;
    return new StationError('unavailable', msg('store.readOnly', { reason: writeTrouble(err)! }));
  }

  /** After a restart: abandon what was still staging, carry on moving what was committed. */
  resume(): void {
    const rows = this.store.db.prepare(`SELECT id, preparing FROM broadcasts WHERE preparing IN ('staging', 'moving')`).all() as {
      id: number;
      preparing: 'staging' | 'moving';
    }[];
    for (const r of rows) {
      if (r.preparing === 'staging') this.abandon(r.id, { userId: null, name: 'system', role: 'system' }, 'the station stopped while it was being prepared');
      else void this.move(r.id);
    }
  }

  /** Stops between steps (the station is stopping); what is left carries on after the next start. */
  stop(): void {
    this.stopped = true;
  }

  private async move(id: number): Promise<void> {
    // Rows of a `{name}` text carry their own count; the others have the broadcast's.
    const segments = Math.max(1, countSegments((this.st.text.get(id) as string | undefined) ?? '').segments);
    let first = true;
    while (!this.stopped) {
      try {
        const from = this.st.firstSeq.get(id) as number | null;
        if (from === null) {
          this.st.done.run(id);
          this.hooks.committed(id);
          return;
        }
        this.store.db.transaction(() => {
          this.st.move.run({ id, from, to: from + this.chunk, segments, now: Date.now() });
          this.st.unstage.run(id, from + this.chunk);
        })();
        if (first) this.hooks.queued(id);
        first = false;
        this.hooks.progress(id);
        await yieldToLoop();
      } catch (err) {
        // The store refused a write (disk full, I/O): the station is read-only now and the rows are
        // safe in staging; carry on once it can write again rather than leave it half in the outbox.
        if (!this.store.writes.failed(err)) this.hooks.trouble?.(err);
        await new Promise((r) => setTimeout(r, RETRY_MS));
        while (!this.stopped && !this.store.writes.writable) await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  /** The audience, from the worker thread, or computed here when no worker can start. */
  private async *audience(send: LargeSend): AsyncGenerator<AudienceMessage> {
    const job: AudienceJob = {
      dbFile: this.store.db.name,
      actor: send.actor,
      request: { groups: send.request.groups, contacts: send.request.contacts, phones: send.request.phones, tags: send.request.tags },
      text: send.text,
      chunk: this.chunk,
    };
    const worker = job.dbFile && job.dbFile !== ':memory:' ? startAudienceWorker(job) : null;
    if (!worker) {
      yield* inline(this.store, job);
      return;
    }
    const queue: AudienceMessage[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    let failure: unknown = null;
    const push = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    worker.on('message', (m: AudienceMessage) => {
      queue.push(m);
      push();
    });
    worker.on('error', (err) => {
      failure = err;
      ended = true;
      push();
    });
    worker.on('exit', () => {
      ended = true;
      push();
    });
    try {
      for (;;) {
        const m = queue.shift();
        if (m) {
          if (m.type === 'error') throw new StationError(m.error.code, m.error.text ?? m.error.message, m.error.field ?? undefined);
          yield m;
          if (m.type === 'done') return;
          continue;
        }
        if (ended) throw failure ?? new Error('The audience worker stopped before it finished.');
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      void worker.terminate();
    }
  }

  private cancelled(id: number): boolean {
    const row = this.st.state.get(id) as { cancelled_at: number | null } | undefined;
    return !row || row.cancelled_at !== null;
  }

  private abandon(id: number, actor: SendingActor, reason: string): void {
    try {
      this.store.db.transaction(() => {
        this.st.dropStaged.run(id);
        this.st.abandon.run(Date.now(), id);
        this.store.audit.record(actor, 'send.abandoned', `broadcast:${id}`, { reason });
      })();
    } catch (err) {
      // The store cannot write even this: the row stays 'staging', and the next start abandons it.
      if (!this.store.writes.failed(err)) throw err;
    }
    this.hooks.progress(id);
  }
}

class StageCancelled extends Error {}

/** The worker's work on the station's own connection: blocks the loop, used only when no thread can start. */
function* inline(store: Store, job: AudienceJob): Generator<AudienceMessage> {
  const { recipients, refused } = resolveAudience(store.db, job.actor, job.request);
  const personal = personalTexts(store.db, job.text, recipients);
  const rows = audienceRows(recipients, personal);
  for (let i = 0; i < rows.length; i += job.chunk) yield { type: 'rows', json: JSON.stringify(rows.slice(i, i + job.chunk)) };
  yield { type: 'done', refused, segments: personal ? Math.max(...personal.map((p) => p.segments)) : null };
}
