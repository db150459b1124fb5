// A little room kept beside the store for the day the disk is full. SQLite needs a few dozen
// KiB to open a WAL database at all (its -shm index and the -wal file are created on open and
// removed on a clean close), so a station stopped on a full disk could not even start to say
// so. The reserve is a file of RESERVE_BYTES made while the disk has room; an open that fails
// for room gives it up and tries again, and the station starts read-only (write-health.ts: its
// probe asks for more than the reserve, so it stays read-only until the disk really has room).
import { closeSync, existsSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';

export const RESERVE_BYTES = 256 * 1024;

export function reservePath(dbFile: string): string {
  return `${dbFile}.reserve`;
}

/** Makes the reserve if it is missing; quietly does nothing when there is no room for it. */
export function keepReserve(dbFile: string): void {
  if (dbFile === ':memory:') return;
  const path = reservePath(dbFile);
  if (existsSync(path)) return;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'wx', 0o600);
    writeSync(fd, Buffer.alloc(RESERVE_BYTES));
  } catch {
    if (fd !== null) rmSync(path, { force: true });
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Gives the reserve up; false when there was none. */
export function releaseReserve(dbFile: string): boolean {
  const path = reservePath(dbFile);
  if (!existsSync(path)) return false;
  rmSync(path, { force: true });
  return true;
}

/** Whether the disk holding `dbFile` has less room than the store needs to write. */
export function diskNearlyFull(dbFile: string): boolean {
  try {
    const s = statfsSync(dbFile);
    return s.bavail * s.bsize < 4 * RESERVE_BYTES;
  } catch {
    return false;
  }
}
