import { describe, expect, it } from 'vitest';
import { buildSubmitPdus } from '../../main/station/carriers/modem/pdu/submit.js';
import { buildDeliverPdus, buildStatusReportPdu } from '../../main/station/carriers/modem/pdu/deliver.js';
import { decodePdu, statusCategory } from '../../main/station/carriers/modem/pdu/decode.js';
import { packSeptets, unpackSeptets, toHex, fromHex } from '../../main/station/carriers/modem/pdu/septets.js';
import { encodeAddress, decodeAddress } from '../../main/station/carriers/modem/pdu/address.js';
import { decodeTimestamp, encodeTimestamp, encodeRelativeValidity } from '../../main/station/carriers/modem/pdu/timestamp.js';
import { toSeptets } from '../../shared/sms/gsm7.js';
import { splitParts } from '../../shared/sms/segments.js';

describe('GSM-7 packing', () => {
  it('packs "hellohello" into the octets of 23.040 examples', () => {
    expect(toHex(packSeptets(toSeptets('hellohello')))).toBe('E8329BFD4697D9EC37');
  });

  it('packs with fill bits after a 6-octet header and unpacks back', () => {
    const septets = toSeptets('abc');
    const packed = packSeptets(septets, 1);
    expect(toHex(packed)).toBe('C2E231');
    expect(unpackSeptets(packed, 3, 1)).toEqual(septets);
  });

  it('rejects odd-length or non-hex PDUs', () => {
    expect(() => fromHex('ABC')).toThrow(/Not a hex PDU/);
    expect(() => fromHex('ZZ')).toThrow(/Not a hex PDU/);
  });
});

describe('addresses', () => {
  it('encodes an international number with swapped semi-octets and F filler', () => {
    expect(toHex(encodeAddress('+46708251358'))).toBe('0B916407281553F8');
  });

  it('encodes a national number as type unknown', () => {
    expect(toHex(encodeAddress('89161234567'))).toBe('0B819861214365F7');
  });

  it('round-trips an alphanumeric sender', () => {
    const bytes = Uint8Array.from(encodeAddress('MCHS Info'));
    expect(bytes[1]).toBe(0xd0);
    expect(decodeAddress(bytes, 0).address).toBe('MCHS Info');
  });

  it('refuses an alphanumeric sender longer than 11 characters', () => {
    expect(() => encodeAddress('ABCDEFGHIJKL')).toThrow(/alphanumeric/);
  });
});

describe('time stamps', () => {
  it('reads the zone in quarter hours, negative zones included', () => {
    // 2024-03-05 10:20:30 at UTC+3 (12 quarters → swapped 0x21)
    const plus3 = fromHex('42305001020321');
    expect(new Date(decodeTimestamp(plus3, 0).at).toISOString()).toBe('2024-03-05T07:20:30.000Z');
    // same local time at UTC-5 (20 quarters, sign bit 0x08 → 0x0A)
    const minus5 = fromHex('4230500102030A');
    const d = decodeTimestamp(minus5, 0);
    expect(d.zoneMinutes).toBe(-300);
    expect(new Date(d.at).toISOString()).toBe('2024-03-05T15:20:30.000Z');
  });

  it('encodes what it decodes', () => {
    const at = Date.UTC(2025, 11, 31, 23, 59, 58);
    for (const zone of [0, 180, -210, 345]) {
      const d = decodeTimestamp(Uint8Array.from(encodeTimestamp(at, zone)), 0);
      expect(d).toEqual({ at, zoneMinutes: zone });
    }
  });

  it('rounds validity periods up to the next step of each range', () => {
    expect(encodeRelativeValidity(5)).toBe(0);
    expect(encodeRelativeValidity(60)).toBe(11);
    expect(encodeRelativeValidity(24 * 60)).toBe(167);
    expect(encodeRelativeValidity(4 * 24 * 60)).toBe(170);
    expect(encodeRelativeValidity(10 * 7 * 24 * 60)).toBe(202);
  });
});

describe('SMS-SUBMIT', () => {
  it('builds the textbook "hellohello" PDU byte for byte', () => {
    const [pdu] = buildSubmitPdus({ to: '+46708251358', text: 'hellohello', requestReport: false, validityMinutes: 4 * 1440, concatRef: 0 });
    expect(pdu!.hex).toBe('0011000B916407281553F80000AA0AE8329BFD4697D9EC37');
    expect(pdu!.tpduLength).toBe(23);
  });

  it('sets TP-SRR when a report is requested and omits VP when no validity is given', () => {
    const [pdu] = buildSubmitPdus({ to: '+79161234567', text: 'Hi', requestReport: true, concatRef: 0 });
    expect(pdu!.hex).toBe('0021000B919761214365F7000002C834');
  });

  it('sends Cyrillic as UCS-2', () => {
    const [pdu] = buildSubmitPdus({ to: '+79161234567', text: 'Привет', requestReport: false, concatRef: 0 });
    expect(pdu!.hex).toBe('0001000B919761214365F700080C041F04400438043204350442');
  });

  it('keeps an emoji as one surrogate pair in UCS-2', () => {
    const [pdu] = buildSubmitPdus({ to: '+79161234567', text: '🚒', requestReport: false, concatRef: 0 });
    expect(pdu!.hex.endsWith('0804D83DDE92')).toBe(true);
    expect(decodePdu(pdu!.hex)).toMatchObject({ type: 'submit', text: '🚒' });
  });

  it('splits exactly as the compose counter does and numbers the parts under one 8-bit ref', () => {
    const text = 'Авария на подстанции №4. '.repeat(7);
    const pdus = buildSubmitPdus({ to: '+79161234567', text, requestReport: true, concatRef: 0xa7 });
    expect(pdus.map((p) => p.text)).toEqual(splitParts(text).parts);
    expect(pdus).toHaveLength(3);
    pdus.forEach((p, i) => {
      // first octet 0x61: SUBMIT + SRR + UDHI; header 05 00 03 A7 03 seq
      expect(p.hex.slice(2, 4)).toBe('61');
      expect(p.hex).toContain(`050003A703${toHex([i + 1])}`);
      expect(p.tpduLength).toBeLessThanOrEqual(140 + 13);
    });
    expect(pdus.map((p) => (decodePdu(p.hex) as { text: string }).text).join('')).toBe(text);
  });

  it('uses a 16-bit reference when asked, with one unit less per part', () => {
    const text = 'x'.repeat(305);
    const pdus = buildSubmitPdus({ to: '+79161234567', text, requestReport: false, concatRef: 0x1234, refBits: 16 });
    expect(pdus).toHaveLength(3); // 152 + 152 + 1; with 8-bit refs it would be 153 + 152
    const d = decodePdu(pdus[0]!.hex);
    expect(d).toMatchObject({ type: 'submit', concat: { ref: 0x1234, refBits: 16, total: 3, seq: 1 } });
    expect(pdus.map((p) => (decodePdu(p.hex) as { text: string }).text).join('')).toBe(text);
  });

  it('never splits an extension character between two parts', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const pdus = buildSubmitPdus({ to: '+79161234567', text, requestReport: false, concatRef: 1 });
    expect(pdus.map((p) => (decodePdu(p.hex) as { text: string }).text)).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
  });
});

describe('SMS-DELIVER', () => {
  it('reads the textbook inbound PDU', () => {
    const d = decodePdu('07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37');
    expect(d).toMatchObject({ type: 'deliver', sca: '+27381000015', from: '27838890001', text: 'hellohello' });
    // 15:16:59 local, zone octet 0x80 = +8 quarters
    expect(new Date((d as { sentAt: number }).sentAt).toISOString()).toBe('1999-03-29T13:16:59.000Z');
  });

  it('round-trips GSM-7 extension characters, Cyrillic and emoji with concatenation', () => {
    for (const text of ['{[~]}|^€\\ and more', 'Привет, мир! '.repeat(12), '🔥 fire at 🏭 '.repeat(8)]) {
      const pdus = buildDeliverPdus({ from: '+79001112233', text, sentAt: Date.UTC(2025, 0, 2, 3, 4, 5), zoneMinutes: 180, concatRef: 77 });
      const decoded = pdus.map((p) => decodePdu(p));
      expect(decoded.map((d) => (d as { text: string }).text).join('')).toBe(text);
      for (const d of decoded) expect(d).toMatchObject({ type: 'deliver', from: '+79001112233', sentAt: Date.UTC(2025, 0, 2, 3, 4, 5) });
    }
  });

  it('reads an alphanumeric sender', () => {
    const [pdu] = buildDeliverPdus({ from: 'Beeline', text: 'Balance 100', sentAt: 0 });
    expect(decodePdu(pdu!)).toMatchObject({ from: 'Beeline', text: 'Balance 100' });
  });
});

describe('SMS-STATUS-REPORT', () => {
  it('reads the message reference, recipient and status', () => {
    const { hex } = buildStatusReportPdu({ messageRef: 0xc3, recipient: '+79161234567', submittedAt: Date.UTC(2025, 4, 1), dischargedAt: Date.UTC(2025, 4, 1, 0, 0, 9), status: 0 });
    expect(hex).toBe('0006C30B919761214365F7525010000000005250100000900000');
    expect(decodePdu(hex)).toMatchObject({ type: 'status-report', messageRef: 0xc3, recipient: '+79161234567', status: 0, category: 'delivered' });
  });

  it('tells "still trying" apart from "failed"', () => {
    expect(statusCategory(0x00)).toBe('delivered');
    expect(statusCategory(0x21)).toBe('pending');
    expect(statusCategory(0x46)).toBe('failed');
    expect(statusCategory(0x62)).toBe('failed');
  });
});
