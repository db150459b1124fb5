// A worker thread resolving a large send's audience (dispatch/large-commit.ts): the same code as an
// ordinary send (audience.ts) on its own read-only connection, so resolving and checking rights for
// a hundred thousand people never holds the station's event loop. It streams the rows back in
// chunks, then what it refused; the station stages them. A WAL reader takes no lock writers wait on.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { StationError } from '../errors.js';
import { audienceRows, personalTexts, resolveAudience } from './audience.js';
import type { AudienceJob, AudienceMessage } from './audience-job.js';

const job = workerData as AudienceJob;
const post = (m: AudienceMessage) => parentPort!.postMessage(m);

try {
  const db = new Database(job.dbFile, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const { recipients, refused } = resolveAudience(db, job.actor, job.request);
  const personal = personalTexts(db, job.text, recipients);
  const rows = audienceRows(recipients, personal);
  db.close();
  for (let i = 0; i < rows.length; i += job.chunk) post({ type: 'rows', json: JSON.stringify(rows.slice(i, i + job.chunk)) });
  post({ type: 'done', refused, segments: personal ? Math.max(...personal.map((p) => p.segments)) : null });
} catch (err) {
  post({
    type: 'error',
    error:
      err instanceof StationError
        ? { code: err.code, text: err.text, message: err.message, field: err.field ?? null }
        : { code: 'internal', text: null, message: String((err as Error)?.stack ?? err), field: null },
  });
}
