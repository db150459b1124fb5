// Emulator + socat pty pair in one handle, for integration tests, the bench and the CLI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerialTransport } from '../../../main/station/carriers/modem/serial-transport.js';
import type { ModemTransport } from '../../../main/station/carriers/modem/transport.js';
import { ModemEmulator, type EmulatorOptions } from './emulator.js';
import { startPtyPair, type PtyPair } from './pty-pair.js';

export interface EmulatedModem {
  emulator: ModemEmulator;
  /** The path the driver opens. */
  stationPath: string;
  /** The port vanishes (socat stops: the driver's end hangs up), as on unplug. */
  unplug(): Promise<void>;
  /** The modem comes back on the same path. */
  replug(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulatedModem(options: EmulatorOptions = {}): Promise<EmulatedModem> {
  const dir = mkdtempSync(join(tmpdir(), 'modem-pty-'));
  const emulator = new ModemEmulator(options);
  let pair: PtyPair | null = null;
  let link: ModemTransport | null = null;
  const plug = async () => {
    pair = await startPtyPair(dir);
    // The emulator's end uses the same serial stack as the driver (the one serialport adapter).
    link = await openSerialTransport({ path: pair.modemPath });
    emulator.attach(link);
  };
  const unplug = async () => {
    emulator.detach();
    await link?.close().catch(() => undefined);
    link = null;
    await pair?.stop();
    pair = null;
  };
  await plug();
  return { emulator, stationPath: join(dir, 'station'), unplug, replug: plug, stop: unplug };
}
