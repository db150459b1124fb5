// The modem carrier as the station builds it from config (`--carrier modem:PATH`).
import { z } from 'zod';
import { ModemCarrier, type ModemOptions } from './modem-carrier.js';
import { ModemPool } from './modem-pool.js';
import { PROFILES, type ProfileId } from './profiles.js';
import { listSerialPorts, serialOpener } from './serial-transport.js';

export { ModemCarrier, type ModemOptions, type ModemDetail } from './modem-carrier.js';
export { ModemPool } from './modem-pool.js';
export { listSerialPorts, openSerialTransport } from './serial-transport.js';
export type { ModemTransport, ModemPortOpener } from './transport.js';
export type { PortInfo, PortLister, UsbIdentity } from './port-finder.js';
export { PROFILES } from './profiles.js';

/** Modem route settings in config.json beyond the port (merged into the carriers' route schema). */
export const ModemExtras = {
  /** SMS storage to use: the SIM (SM, default), the modem (ME) or both (MT). */
  storage: z.enum(['SM', 'ME', 'MT']).optional(),
  /** A vendor profile (docs/modem.md) to use when the modem names itself wrongly. */
  profile: z.enum(PROFILES.map((p) => p.id) as [ProfileId, ...ProfileId[]]).optional(),
  /** The USB identity to find the port by if its name changed while the station was off. */
  usb: z.object({ vendorId: z.string(), productId: z.string(), serialNumber: z.string().optional(), interface: z.string().optional() }).strict().optional(),
};

export interface ModemConfig extends Omit<ModemOptions, 'open' | 'usb'> {
  /** Serial port path: /dev/ttyUSB2, /dev/serial/by-id/…, COM5. */
  path: string;
  baudRate?: number;
  usb?: { vendorId: string; productId: string; serialNumber?: string | undefined; interface?: string | undefined };
}

export function createModemCarrier(c: ModemConfig): ModemCarrier {
  const { path, baudRate, usb, ...rest } = c;
  return new ModemCarrier({
    list: listSerialPorts, ...rest, path, open: serialOpener({ path, ...(baudRate ? { baudRate } : {}) }),
    ...(usb ? { usb: { vendorId: usb.vendorId.toLowerCase(), productId: usb.productId.toLowerCase(), serialNumber: usb.serialNumber ?? null, interface: usb.interface ?? null, manufacturer: null } } : {}),
  });
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
