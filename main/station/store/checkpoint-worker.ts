// The WAL checkpointer's thread (checkpointer.ts): its own connection copies committed pages from the
// WAL into the database file every `intervalMs`, PASSIVE, so it never waits for or blocks a writer.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 100');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or the disk refused: the next round tries again; the WAL only grows meanwhile.
  }
}, intervalMs);
parentPort!.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    parentPort!.postMessage('stopped');
  }
});
parentPort!.postMessage('ready');
