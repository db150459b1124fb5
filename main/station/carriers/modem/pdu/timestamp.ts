// Service-centre time stamps (23.040 §9.2.3.11): seven swapped-BCD octets, the last one the
// zone in quarter hours with its sign in bit 3. The sender's local time plus its zone gives UTC.

function swappedBcd(byte: number): number {
  return (byte & 0x0f) * 10 + (byte >> 4);
}

function toSwappedBcd(value: number): number {
  return ((value % 10) << 4) | Math.floor(value / 10) % 10;
}

/** Decodes a SCTS at `offset` to epoch ms (UTC) and the zone offset in minutes. */
export function decodeTimestamp(pdu: Uint8Array, offset: number): { at: number; zoneMinutes: number } {
  const b = (i: number) => pdu[offset + i] ?? 0;
  // Two-digit years: 90–99 are the 1990s, as Gammu reads them.
  const yy = swappedBcd(b(0));
  const year = yy >= 90 ? 1900 + yy : 2000 + yy;
  const tzByte = b(6);
  const quarters = (tzByte & 0x07) * 10 + (tzByte >> 4);
  const zoneMinutes = (tzByte & 0x08 ? -1 : 1) * quarters * 15;
  const local = Date.UTC(year, swappedBcd(b(1)) - 1, swappedBcd(b(2)), swappedBcd(b(3)), swappedBcd(b(4)), swappedBcd(b(5)));
  return { at: local - zoneMinutes * 60_000, zoneMinutes };
}

/** Encodes epoch ms as the local time of `zoneMinutes` (a multiple of 15). */
export function encodeTimestamp(at: number, zoneMinutes = 0): number[] {
  const d = new Date(at + zoneMinutes * 60_000);
  const quarters = Math.round(Math.abs(zoneMinutes) / 15);
  const tz = toSwappedBcd(quarters) | (zoneMinutes < 0 ? 0x08 : 0);
  return [
    toSwappedBcd(d.getUTCFullYear() % 100),
    toSwappedBcd(d.getUTCMonth() + 1),
    toSwappedBcd(d.getUTCDate()),
    toSwappedBcd(d.getUTCHours()),
    toSwappedBcd(d.getUTCMinutes()),
    toSwappedBcd(d.getUTCSeconds()),
    tz,
  ];
}

/** Relative validity period (23.040 §9.2.3.12.1) covering at least `minutes`, capped at 63 weeks. */
export function encodeRelativeValidity(minutes: number): number {
  const m = Math.max(5, minutes);
  if (m <= 720) return Math.ceil(m / 5) - 1;
  if (m <= 1440) return 143 + Math.ceil((m - 720) / 30);
  if (m <= 30 * 1440) return 166 + Math.ceil(m / 1440);
  return Math.min(255, 192 + Math.ceil(m / (7 * 1440)));
}

export function decodeRelativeValidity(vp: number): number {
  if (vp <= 143) return (vp + 1) * 5;
  if (vp <= 167) return 720 + (vp - 143) * 30;
  if (vp <= 196) return (vp - 166) * 1440;
  return (vp - 192) * 7 * 1440;
}
