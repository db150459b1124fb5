// Logs are pino JSON lines in the data folder (DESIGN §5).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(dataDir: string, level: string): Logger {
  if (level === 'silent') return pino({ level: 'silent' });
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  return pino({ level }, pino.destination({ dest: join(dataDir, 'logs', 'station.log'), sync: false, mkdir: true }));
}
