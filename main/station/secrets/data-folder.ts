// The data folder holds every message, contact and password hash: on POSIX it is the station
// user's alone (folder 0700, files 0600), created so and tightened when found looser. On Windows
// the profile folder's ACL already keeps other users out; modes are not used there.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POSIX = process.platform !== 'win32';

/** Files of the data folder the station tightens at start (others inside are reached only through the 0700 folder). */
const PRIVATE_FILES = ['switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm', 'config.json', 'secret.key'];
const PRIVATE_DIRS = ['logs', 'exports', 'uploads', 'tls'];

/** mkdir -p with 0700, and 0700 applied to a folder that exists already. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) tighten(dir, 0o700);
}

/** Creates the file empty with 0600 if it is missing (so what opens it later keeps that mode). */
export function touchPrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  if (POSIX) tighten(file, 0o600);
}

/** Writes the whole file atomically (temp file + rename), 0600. */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600 });
  if (POSIX) chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/**
 * Makes the data folder private before the store opens it: the folder 0700, the database and its
 * WAL/SHM, config.json, the key file and the logs 0600. Returns what had to be tightened, so the
 * station can say so once.
 */
export function secureDataFolder(dataDir: string): string[] {
  const tightened: string[] = [];
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!POSIX) return tightened;
  if (tighten(dataDir, 0o700)) tightened.push('.');
  // SQLite gives -wal and -shm the mode of the database file: create it 0600 before it opens.
  touchPrivateFile(join(dataDir, 'switchboard.db'));
  for (const name of PRIVATE_FILES) {
    const file = join(dataDir, name);
    if (existsSync(file) && tighten(file, 0o600)) tightened.push(name);
  }
  for (const name of PRIVATE_DIRS) {
    const dir = join(dataDir, name);
    if (!existsSync(dir)) continue;
    if (tighten(dir, 0o700)) tightened.push(`${name}/`);
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isFile() && tighten(file, 0o600)) tightened.push(`${name}/${entry}`);
    }
  }
  return tightened;
}

/** chmod when group/other have any bit; false when it was already private or is not ours. */
function tighten(path: string, mode: number): boolean {
  try {
    const st = statSync(path);
    if ((st.mode & 0o077) === 0) return false;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
    chmodSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
