// Logs are pino JSON lines in the data folder (DESIGN §5); the folder 0700, the file 0600, and
// credentials censored by field name (see log-redact.ts).
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { REDACT_PATHS, scrubLogObject } from './log-redact.js';
import { ensurePrivateDir, touchPrivateFile } from './secrets/data-folder.js';

export type { Logger };

export function createLogger(dataDir: string, level: string): Logger {
  if (level === 'silent') return pino({ level: 'silent' });
  const dir = join(dataDir, 'logs');
  ensurePrivateDir(dir);
  const file = join(dir, 'station.log');
  touchPrivateFile(file);
  // A full or failing disk must not end the station through its own log: a write error is
  // swallowed (the store's read-only state tells the operator), lines wait in a bounded buffer
  // and go out with the next write that succeeds.
  const destination = pino.destination({ dest: file, sync: false, mkdir: true, maxLength: 16 * 1024 * 1024 });
  destination.on('error', () => undefined);
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '***' }, formatters: { log: scrubLogObject } }, destination);
}
