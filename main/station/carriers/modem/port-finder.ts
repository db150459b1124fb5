// Finding a modem again when its port comes back under another name (ttyUSB2 → ttyUSB6 after a
// USB reset; COM5 → COM9 on Windows). The USB identity — vendor, product, serial number and the
// interface (a stick has several serial ports; only one is its AT port) — is remembered from the
// OS port list (SerialPort.list()) while the port works, and looked for when the path is gone.
import { realpathSync } from 'node:fs';

/** A port as SerialPort.list() describes it. */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  locationId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export type PortLister = () => Promise<PortInfo[]>;

export interface UsbIdentity {
  vendorId: string;
  productId: string;
  serialNumber: string | null;
  /** USB interface number of the AT port: `-if02-` in a Linux by-id name, `MI_02` on Windows. */
  interface: string | null;
  manufacturer: string | null;
}

export function usbIdentityOf(port: PortInfo): UsbIdentity | null {
  if (!port.vendorId || !port.productId) return null;
  const iface = /-if(\d+)/i.exec(port.pnpId ?? '')?.[1] ?? /MI_(\d+)/i.exec(port.pnpId ?? '')?.[1] ?? null;
  return {
    vendorId: port.vendorId.toLowerCase(),
    productId: port.productId.toLowerCase(),
    serialNumber: port.serialNumber ?? null,
    interface: iface,
    manufacturer: port.manufacturer ?? null,
  };
}

export function sameDevice(a: UsbIdentity, b: UsbIdentity): boolean {
  if (a.vendorId !== b.vendorId || a.productId !== b.productId) return false;
  if (a.serialNumber && b.serialNumber && a.serialNumber !== b.serialNumber) return false;
  if (a.interface && b.interface && a.interface !== b.interface) return false;
  return true;
}

function samePath(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The USB identity of the port at `path`, if the OS lists it (ptys and most by-id links resolve). */
export async function identityOfPath(path: string, list: PortLister): Promise<UsbIdentity | null> {
  const ports = await list().catch(() => [] as PortInfo[]);
  const port = ports.find((p) => samePath(p.path, path));
  return port ? usbIdentityOf(port) : null;
}

export type Rediscovery =
  | { kind: 'found'; path: string }
  | { kind: 'ambiguous'; paths: string[] }
  | { kind: 'absent' };

/**
 * Where the device with this identity is now. Two identical sticks without serial numbers are
 * not told apart by guessing: that is `ambiguous`, and the operator picks the port.
 */
export async function rediscover(identity: UsbIdentity, list: PortLister): Promise<Rediscovery> {
  const ports = await list().catch(() => [] as PortInfo[]);
  const matches = ports.filter((p) => {
    const id = usbIdentityOf(p);
    return id !== null && sameDevice(identity, id);
  });
  if (matches.length === 1) return { kind: 'found', path: matches[0]!.path };
  if (matches.length > 1) return { kind: 'ambiguous', paths: matches.map((m) => m.path) };
  return { kind: 'absent' };
}

/** `12d1:1506 serial 0123456789 if 02` for the board. */
export function describeUsb(id: UsbIdentity): string {
  return [`${id.vendorId}:${id.productId}`, id.serialNumber ? `serial ${id.serialNumber}` : null, id.interface ? `interface ${id.interface}` : null].filter(Boolean).join(', ');
}
