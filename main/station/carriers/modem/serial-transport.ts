// The one file that imports serialport: the adapter from a serial port to ModemTransport.
// (Ports and adapters, as serialport itself is built: the driver never sees the library.)
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { PortInfo } from './port-finder.js';
import type { ModemPortOpener, ModemTransport } from './transport.js';

export interface SerialOptions {
  /** /dev/ttyUSB2, /dev/serial/by-id/…, COM5, or a pty. */
  path: string;
  baudRate?: number;
}

export function openSerialTransport(o: SerialOptions): Promise<ModemTransport> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path: o.path, baudRate: o.baudRate ?? 115_200, autoOpen: false });
    port.open((err) => {
      if (err) {
        reject(new Error(`Cannot open ${o.path}: ${err.message}`));
        return;
      }
      resolve(wrap(port));
    });
  });
}

export function serialOpener(o: SerialOptions): ModemPortOpener {
  return (path) => openSerialTransport({ ...o, path: path ?? o.path });
}

/** Serial ports as the OS lists them, with their USB identity (ptys are not listed: the admin can type a path). */
export async function listSerialPorts(): Promise<PortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => {
    const out: PortInfo = { path: p.path };
    for (const k of ['manufacturer', 'serialNumber', 'pnpId', 'locationId', 'vendorId', 'productId'] as const) if (p[k]) out[k] = p[k];
    return out;
  });
}

/**
 * How often a device's node is looked for. serialport does not always tell that a device went
 * away: no 'close' until something is written (serialport/node-serialport#2043, #1465, #2351), and
 * a modem owed the answer to an AT+CMGS writes nothing for a minute. The node goes with the device
 * (/dev/ttyUSB2 on unplug, a pty's link with its socat): gone, the port is closed.
 */
const PRESENCE_CHECK_MS = 1_000;

function wrap(port: SerialPort): ModemTransport {
  const closeListeners: Array<(e: Error | null) => void> = [];
  let closed = false;
  let gone: Error | null = null;
  // A device path (POSIX); COM5 on Windows is no file to look for.
  const presence = port.path.startsWith('/')
    ? setInterval(() => {
      if (closed || gone || existsSync(port.path)) return;
      gone = new Error(`${port.path} is gone`);
      if (port.isOpen) port.close();
      else fireClose(gone);
    }, PRESENCE_CHECK_MS)
    : null;
  presence?.unref();
  const fireClose = (e: Error | null) => {
    if (closed) return;
    closed = true;
    if (presence) clearInterval(presence);
    for (const l of closeListeners) l(e);
  };
  port.on('close', (e: Error | null) => fireClose(e ?? gone));
  port.on('error', (e: Error) => {
    if (!port.isOpen) fireClose(e);
  });
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (closed) {
          reject(new Error('port closed'));
          return;
        }
        port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (err) => (err ? reject(err) : resolve()));
      }),
    onData: (l) => port.on('data', (chunk: Buffer) => l(chunk)),
    drain: () => new Promise<void>((resolve) => (port.isOpen ? port.drain(() => resolve()) : resolve())),
    onClose: (l) => closeListeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) {
          fireClose(null);
          resolve();
          return;
        }
        port.close(() => {
          fireClose(null);
          resolve();
        });
      }),
  };
}
