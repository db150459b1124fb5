// Checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit crosses
// 1,000 WAL pages, on the station's one thread: while a large broadcast is written (or any busy
// minute) that is a pause of tens to hundreds of milliseconds every few hundred commits. A running
// station turns it off and checkpoints from a worker thread with its own connection instead; if the
// thread cannot start or stops, SQLite's own checkpoint comes back.
import type { Db } from './database.js';
import { startWorker } from '../worker-thread.js';

const DEFAULT_AUTOCHECKPOINT = 1_000;

export class WalCheckpointer {
  private stopping = false;

  private constructor(
    private readonly db: Db,
    private readonly worker: NonNullable<ReturnType<typeof startWorker>>,
  ) {
    worker.once('message', (m) => {
      if (m !== 'ready' || this.stopping) return;
      db.pragma('wal_autocheckpoint = 0');
      // Once checkpointed, the WAL starts over from its beginning; truncated to nothing then, its
      // frames take fresh disk space again, so a full disk shows on the next write, not only when
      // the checkpoint fails (else writes go on into the old WAL file's room and the DB never fits).
      db.pragma('journal_size_limit = 0');
    });
    const restore = () => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    };
    worker.on('error', restore);
    worker.on('exit', restore);
    worker.unref();
  }

  /** Null for an in-memory store or where no thread can start (SQLite then checkpoints as usual). */
  static start(db: Db, intervalMs = 500): WalCheckpointer | null {
    if (!db.name || db.name === ':memory:' || db.memory) return null;
    const worker = startWorker(import.meta.url, './checkpoint-worker', { file: db.name, intervalMs });
    return worker ? new WalCheckpointer(db, worker) : null;
  }

  /** Last checkpoint, then the thread ends; SQLite's own checkpoint is back for what follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    const stopped = new Promise<void>((resolve) => {
      this.worker.on('message', (m) => m === 'stopped' && resolve());
      this.worker.once('exit', () => resolve());
    });
    this.worker.postMessage('stop');
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 2_000))]);
    await this.worker.terminate();
  }
}
