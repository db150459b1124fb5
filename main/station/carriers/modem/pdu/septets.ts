// GSM 03.38 septet packing: septets are laid into octets LSB first. `fillBits` is the padding
// after a User Data Header, so the first septet starts on a septet boundary (23.040 §9.2.3.24).

export function packSeptets(septets: readonly number[], fillBits = 0): Uint8Array {
  const out = new Uint8Array(Math.ceil((fillBits + septets.length * 7) / 8));
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i]! & 0x7f;
    const bit = fillBits + i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte]! |= (s << shift) & 0xff;
    if (shift > 1) out[byte + 1]! |= s >> (8 - shift);
  }
  return out;
}

export function unpackSeptets(octets: Uint8Array, count: number, fillBits = 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const bit = fillBits + i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    if (byte >= octets.length) break;
    let value = octets[byte]! >> shift;
    if (shift > 1 && byte + 1 < octets.length) value |= octets[byte + 1]! << (8 - shift);
    out.push(value & 0x7f);
  }
  return out;
}

export function toHex(bytes: Uint8Array | readonly number[]): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.trim();
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new PduError(`Not a hex PDU: ${clean.slice(0, 40)}`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A PDU the codec cannot read or build. */
export class PduError extends Error {
  override readonly name = 'PduError';
}
