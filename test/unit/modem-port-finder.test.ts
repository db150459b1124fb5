// Finding a modem again by its USB identity, from what SerialPort.list() reports on Linux
// (pnpId: the /dev/serial/by-id name) and on Windows (pnpId: the device instance path).
import { describe, expect, it } from 'vitest';
import { rediscover, sameDevice, usbIdentityOf, type PortInfo } from '../../main/station/carriers/modem/port-finder.js';

const linux = (path: string, iface: string, serial?: string): PortInfo => ({
  path, vendorId: '12D1', productId: '1506', manufacturer: 'HUAWEI',
  ...(serial ? { serialNumber: serial } : {}),
  pnpId: `usb-HUAWEI_HUAWEI_Mobile${serial ? `_${serial}` : ''}-if${iface}-port0`,
});

describe('USB identity', () => {
  it('reads vendor, product, serial and the interface from a Linux by-id name and a Windows instance path', () => {
    expect(usbIdentityOf(linux('/dev/ttyUSB2', '02', 'ABC123'))).toEqual({ vendorId: '12d1', productId: '1506', serialNumber: 'ABC123', interface: '02', manufacturer: 'HUAWEI' });
    expect(usbIdentityOf({ path: 'COM5', vendorId: '2C7C', productId: '0125', pnpId: 'USB\\VID_2C7C&PID_0125&MI_02\\6&2A1B3C4D&0&0002' })).toMatchObject({ vendorId: '2c7c', productId: '0125', interface: '02', serialNumber: null });
    expect(usbIdentityOf({ path: '/dev/ttyS0' })).toBeNull();
  });

  it('tells interfaces and serial numbers apart', () => {
    const at = usbIdentityOf(linux('/dev/ttyUSB2', '02', 'A'))!;
    expect(sameDevice(at, usbIdentityOf(linux('/dev/ttyUSB6', '02', 'A'))!)).toBe(true);
    expect(sameDevice(at, usbIdentityOf(linux('/dev/ttyUSB4', '00', 'A'))!)).toBe(false);
    expect(sameDevice(at, usbIdentityOf(linux('/dev/ttyUSB6', '02', 'B'))!)).toBe(false);
  });
});

describe('rediscovery', () => {
  const at = usbIdentityOf(linux('/dev/ttyUSB2', '02', 'A'))!;
  it('finds ttyUSB2 again as ttyUSB6, not its diagnostics port', async () => {
    const now = [linux('/dev/ttyUSB4', '00', 'A'), linux('/dev/ttyUSB5', '01', 'A'), linux('/dev/ttyUSB6', '02', 'A'), linux('/dev/ttyUSB7', '03', 'A')];
    await expect(rediscover(at, async () => now)).resolves.toEqual({ kind: 'found', path: '/dev/ttyUSB6' });
  });

  it('finds a renumbered COM port', async () => {
    const id = usbIdentityOf({ path: 'COM5', vendorId: '2C7C', productId: '0125', serialNumber: 'Q1', pnpId: 'USB\\VID_2C7C&PID_0125&MI_02\\6&1' })!;
    const now: PortInfo[] = [{ path: 'COM3' }, { path: 'COM9', vendorId: '2C7C', productId: '0125', serialNumber: 'Q1', pnpId: 'USB\\VID_2C7C&PID_0125&MI_02\\6&7' }];
    await expect(rediscover(id, async () => now)).resolves.toEqual({ kind: 'found', path: 'COM9' });
  });

  it('does not guess between two identical sticks without serial numbers, and says when it is gone', async () => {
    const noSerial = usbIdentityOf(linux('/dev/ttyUSB2', '02'))!;
    await expect(rediscover(noSerial, async () => [linux('/dev/ttyUSB6', '02'), linux('/dev/ttyUSB10', '02')])).resolves.toEqual({ kind: 'ambiguous', paths: ['/dev/ttyUSB6', '/dev/ttyUSB10'] });
    await expect(rediscover(at, async () => [{ path: '/dev/ttyS0' }])).resolves.toEqual({ kind: 'absent' });
    await expect(rediscover(at, async () => Promise.reject(new Error('udevadm missing')))).resolves.toEqual({ kind: 'absent' });
  });
});
