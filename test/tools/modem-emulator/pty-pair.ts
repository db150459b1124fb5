// A pty pair made by socat: one end for the emulator, the other for the driver, as a USB modem
// would appear (/dev/ttyUSB…). Stopping socat is the "port vanished" fault; starting a new pair
// on the same link names is the modem coming back.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The emulator's end. */
  modemPath: string;
  /** The driver's end. */
  stationPath: string;
  stop(): Promise<void>;
}

/** @param stationName the name of the driver's end (a modem re-enumerated comes back under another) */
export async function startPtyPair(dir = mkdtempSync(join(tmpdir(), 'modem-pty-')), stationName = 'station'): Promise<PtyPair> {
  const modemPath = join(dir, 'modem');
  const stationPath = join(dir, stationName);
  const proc: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${modemPath}`, `pty,raw,echo=0,link=${stationPath}`], { stdio: 'ignore' });
  let exited = false;
  proc.on('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 5_000;
  while (!(existsSync(modemPath) && existsSync(stationPath))) {
    if (exited) throw new Error('socat exited: is it installed (Debian package socat)?');
    if (Date.now() > deadline) throw new Error('socat did not create the pty pair in time');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    modemPath,
    stationPath,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
