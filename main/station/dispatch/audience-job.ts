// What the station and its audience worker say to each other (audience-worker.ts). If no worker can
// start, the same work runs inline, which is slower to the event loop but still correct.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread.js';
import type { ErrorCode } from '../../../shared/protocol/index.js';
import type { StationRefusal } from '../i18n/refusals.js';
import type { Message } from '../i18n/text.js';
import type { RecipientRequest } from './recipients.js';
import type { SendingActor } from './rights.js';

export interface AudienceJob {
  dbFile: string;
  actor: SendingActor;
  request: RecipientRequest;
  text: string;
  /** Rows per message back. */
  chunk: number;
}

export type AudienceMessage =
  /** A chunk of AudienceRow[], as JSON: the store reads it with json_each, nobody parses it here. */
  | { type: 'rows'; json: string }
  | { type: 'done'; refused: StationRefusal[]; segments: number | null }
  | { type: 'error'; error: { code: ErrorCode; text: Message | null; message: string; field: string | null } };

/** Starts the worker for a job; null when this process cannot run one. */
export function startAudienceWorker(job: AudienceJob): Worker | null {
  return startWorker(import.meta.url, './audience-worker', job);
}
