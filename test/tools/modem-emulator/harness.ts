// Emulator + socat pty pair in one handle, for integration tests, the bench and the CLI. The
// station's end can vanish (unplug), come back (replug), or come back under another name (a USB
// modem re-enumerated: ttyUSB2 → ttyUSB6), and `list` plays SerialPort.list() for it, since the OS
// does not list ptys: it shows the device's USB identity at its current path, beside its other
// interfaces, as a real stick shows up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerialTransport } from '../../../main/station/carriers/modem/serial-transport.js';
import type { PortInfo } from '../../../main/station/carriers/modem/port-finder.js';
import type { ModemTransport } from '../../../main/station/carriers/modem/transport.js';
import { ModemEmulator, type EmulatorOptions } from './emulator.js';
import { startPtyPair, type PtyPair } from './pty-pair.js';

export interface EmulatedModem {
  emulator: ModemEmulator;
  /** The path the driver opens (it changes with `moveTo`). */
  stationPath: string;
  /** The port vanishes (socat stops: the driver's end hangs up), as on unplug. */
  unplug(): Promise<void>;
  /** The modem comes back on the same path. */
  replug(): Promise<void>;
  /** The modem restarts and comes back under another port name (its USB identity unchanged). */
  moveTo(name: string): Promise<string>;
  /** SerialPort.list() as the OS would answer with this modem plugged in. */
  list(): Promise<PortInfo[]>;
  stop(): Promise<void>;
}

export async function startEmulatedModem(options: EmulatorOptions = {}): Promise<EmulatedModem> {
  const dir = mkdtempSync(join(tmpdir(), 'modem-pty-'));
  const emulator = new ModemEmulator(options);
  let pair: PtyPair | null = null;
  let link: ModemTransport | null = null;
  let name = 'station';
  const plug = async () => {
    pair = await startPtyPair(dir, name);
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
  const handle: EmulatedModem = {
    emulator,
    stationPath: join(dir, name),
    unplug,
    replug: plug,
    async moveTo(next) {
      await unplug();
      name = next;
      handle.stationPath = join(dir, name);
      // Re-enumeration is a power cycle for a USB modem.
      emulator.reboot({ powerDownLine: '' });
      await plug();
      return handle.stationPath;
    },
    async list() {
      const usb = emulator.model.usb;
      const port = (path: string, iface: string | undefined): PortInfo => ({
        path,
        vendorId: usb.vendorId,
        productId: usb.productId,
        ...(usb.serialNumber ? { serialNumber: usb.serialNumber } : {}),
        manufacturer: emulator.model.cgmi,
        ...(iface ? { pnpId: `usb-${emulator.model.cgmi.replace(/\W+/g, '_')}_${emulator.model.cgmm.replace(/\W+/g, '_')}-if${iface}-port0` } : {}),
      });
      const out: PortInfo[] = [{ path: '/dev/ttyS0' }, { path: '/dev/ttyACM9', vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' }];
      if (pair) {
        out.push(port(handle.stationPath, usb.interface));
        for (const other of usb.otherInterfaces ?? []) out.push(port(join(dir, `other-if${other}`), other));
      }
      return out;
    },
    async stop() {
      emulator.stop();
      await unplug();
      // Every modem of every test run made one: /tmp kept thousands of empty ones.
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
