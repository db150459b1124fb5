// The modem carrier as the station builds it from config (`--carrier modem:PATH`).
import { ModemCarrier, type ModemOptions } from './modem-carrier.js';
import { ModemPool } from './modem-pool.js';
import { listSerialPorts, serialOpener } from './serial-transport.js';

export { ModemCarrier, type ModemOptions, type ModemDetail } from './modem-carrier.js';
export { ModemPool } from './modem-pool.js';
export { listSerialPorts, openSerialTransport } from './serial-transport.js';
export type { ModemTransport, ModemPortOpener } from './transport.js';
export type { PortInfo, PortLister, UsbIdentity } from './port-finder.js';
export { PROFILES } from './profiles.js';

export interface ModemConfig extends Omit<ModemOptions, 'open'> {
  /** Serial port path: /dev/ttyUSB2, /dev/serial/by-id/…, COM5. */
  path: string;
  baudRate?: number;
}

export function createModemCarrier(c: ModemConfig): ModemCarrier {
  const { path, baudRate, ...rest } = c;
  return new ModemCarrier({ list: listSerialPorts, ...rest, path, open: serialOpener({ path, ...(baudRate ? { baudRate } : {}) }) });
}

/** Several modems sharing the load, as one carrier. */
export function createModemPool(id: string, name: string, modems: ModemConfig[]): ModemPool {
  return new ModemPool(id, name, modems.map(createModemCarrier));
}

/** `modem:/dev/ttyUSB2` or `modem:COM5@9600` → path and baud rate. */
export function parseModemSpec(spec: string): { path: string; baudRate?: number } {
  const rest = spec.replace(/^modem:/, '');
  const m = /^(.*)@(\d+)$/.exec(rest);
  return m ? { path: m[1]!, baudRate: Number(m[2]) } : { path: rest };
}
