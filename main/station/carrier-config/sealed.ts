// Secrets the station must use again (an SMPP password, a SIM PIN, an HTTP token) are kept
// encrypted in the store: AES-256-GCM under a key in the data folder's private `secret.key`
// (0600, made on first use). A copy of the database alone reveals none of them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../secrets/data-folder.js';
import { keyWrap } from '../secrets/key-wrap.js';
import { ConfigError } from '../config.js';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

const PREFIX = 'gcm1:';

export function keyFileSealer(dataDir: string): Sealer {
  let key: Buffer | null = null;
  const keyOf = (): Buffer => {
    if (key) return key;
    const file = join(dataDir, 'secret.key');
    const wrap = keyWrap();
    // `wrapped:<how>:<base64>` when the OS keychain holds it (secrets/key-wrap.ts), else the key itself.
    const write = (k: Buffer) => writePrivateFile(file, wrap ? `wrapped:${wrap.name}:${wrap.wrap(k).toString('base64')}\n` : `${k.toString('base64')}\n`);
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8').trim();
      const wrapped = /^wrapped:([\w-]+):(.+)$/.exec(text);
      if (wrapped) {
        if (!wrap || wrap.name !== wrapped[1]) {
          throw new ConfigError(
            `The data folder's secret.key is sealed by ${wrapped[1]} (the desktop app's OS keychain), which this station cannot use. Start the desktop app, or re-enter the carrier and mailbox passwords.`,
          );
        }
        key = wrap.unwrap(Buffer.from(wrapped[2]!, 'base64'));
      } else {
        key = Buffer.from(text, 'base64');
        // A plain key found while the keychain is there: hand it to the keychain.
        if (key.length === 32 && wrap) write(key);
      }
    }
    if (!key || key.length !== 32) {
      key = randomBytes(32);
      write(key);
    }
    return key;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyOf(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keyOf(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
