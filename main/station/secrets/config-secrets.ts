// Passwords written into config.json by hand (a carrier's, the mailbox's, a webhook's secret) are
// sealed in place the first time the station reads the file: the value becomes `gcm1:…` under the
// data folder's key (carrier-config/sealed.ts), the rest of the file is kept, and the station
// works with the opened value. config.json stays a valid way to seed a station: write the
// password in clear, start, and it is encrypted at rest from then on. A file the station may not
// rewrite is used as it is and said so in the log (docs/security.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_FIELDS } from '../../../shared/protocol/index.js';
import type { Sealer } from '../carrier-config/sealed.js';
import { writePrivateFile } from './data-folder.js';

const SEALED = /^gcm1:/;

type Json = Record<string, unknown>;

/** Every secret's place in a config object: [holder object, key]. */
function secretSlots(config: Json): [Json, string][] {
  const slots: [Json, string][] = [];
  const at = (o: unknown, path: string) => {
    const keys = path.split('.');
    let holder = o;
    for (const k of keys.slice(0, -1)) holder = holder && typeof holder === 'object' ? (holder as Json)[k] : undefined;
    const last = keys[keys.length - 1]!;
    if (holder && typeof holder === 'object' && typeof (holder as Json)[last] === 'string' && (holder as Json)[last] !== '') {
      slots.push([holder as Json, last]);
    }
  };
  for (const route of Array.isArray(config.carriers) ? (config.carriers as Json[]) : []) {
    const kind = route?.kind as keyof typeof SECRET_FIELDS;
    for (const path of SECRET_FIELDS[kind] ?? []) at(route, path);
  }
  const integrations = config.integrations as Json | undefined;
  at(integrations, 'imap.password');
  at(integrations, 'imap.bounce.password');
  for (const hook of Array.isArray(integrations?.webhooks) ? (integrations!.webhooks as Json[]) : []) at(hook, 'secret');
  return slots;
}

/**
 * Seals the plain secrets of `<dataDir>/config.json` in the file. Returns how many were sealed, or
 * an error sentence when the file could not be rewritten (its secrets then stay as they are).
 */
export function sealConfigFile(dataDir: string, sealer: Sealer): { sealed: number; error?: string } {
  const file = join(dataDir, 'config.json');
  if (!existsSync(file)) return { sealed: 0 };
  let config: Json;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch {
    return { sealed: 0 }; // loadConfig says what is wrong with the file
  }
  const plain = secretSlots(config).filter(([o, k]) => !SEALED.test(o[k] as string));
  if (plain.length === 0) return { sealed: 0 };
  for (const [o, k] of plain) o[k] = sealer.seal(o[k] as string);
  try {
    writePrivateFile(file, `${JSON.stringify(config, null, 2)}\n`);
  } catch (err) {
    return { sealed: 0, error: (err as Error).message };
  }
  return { sealed: plain.length };
}

/** The config object with every sealed secret opened, for the station to use. */
export function openConfigSecrets(config: Json, sealer: Sealer): Json {
  const copy = structuredClone(config);
  for (const [o, k] of secretSlots(copy)) if (SEALED.test(o[k] as string)) o[k] = sealer.open(o[k] as string);
  return copy;
}
