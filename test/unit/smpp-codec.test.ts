import { describe, expect, it } from 'vitest';
import { fromSmppAddress, toSmppAddress } from '../../main/station/carriers/smpp/address.js';
import { buildSubmitParts, concatFromUdh, decodeText } from '../../main/station/carriers/smpp/encoding.js';
import { normalizeSubmitId, parseReceipt, receiptIdToSubmitId } from '../../main/station/carriers/smpp/receipt.js';

describe('SMPP receipts', () => {
  it('reads id, stat and err from the appendix-B text', () => {
    const r = parseReceipt({
      text: 'id:0123456789 sub:001 dlvrd:000 submit date:2611260410 done date:2611260411 stat:UNDELIV err:034 text:Внимание',
    });
    expect(r).toEqual({ id: '0123456789', status: 'failed', stat: 'UNDELIV', err: '034' });
  });

  it('lets the TLVs win over the text', () => {
    const r = parseReceipt({ text: 'id:1 stat:ENROUTE', receiptedMessageId: 'ABC', messageState: 2 });
    expect(r).toMatchObject({ id: 'ABC', status: 'delivered', stat: 'DELIVRD', err: null });
  });

  it('does not mistake an "id:" inside the quoted text for the receipt id', () => {
    const r = parseReceipt({ text: 'id:77 sub:001 dlvrd:001 stat:DELIVRD err:000 text:id:99 stat:UNDELIV' });
    expect(r).toMatchObject({ id: '77', status: 'delivered' });
  });

  it('returns null for text that is no receipt', () => {
    expect(parseReceipt({ text: 'hello' })).toBeNull();
  });

  it('converts receipt ids quoted in another base to the submit id form', () => {
    expect(receiptIdToSubmitId('255', 'decimal-to-hex')).toBe(normalizeSubmitId('00FF', 'decimal-to-hex'));
    expect(receiptIdToSubmitId('ff', 'hex-to-decimal')).toBe(normalizeSubmitId('255', 'hex-to-decimal'));
    expect(receiptIdToSubmitId('x-1', 'decimal-to-hex')).toBe('x-1');
  });
});

describe('SMPP text encoding', () => {
  it('encodes GSM-7 one septet per octet, extension characters escaped', () => {
    const [part] = buildSubmitParts('A{€', 1, 8);
    expect(part!.data_coding).toBe(0);
    expect([...part!.short_message]).toEqual([0x41, 0x1b, 0x28, 0x1b, 0x65]);
  });

  it('splits a long GSM-7 text into 153-septet parts with an 8-bit reference UDH', () => {
    const parts = buildSubmitParts('x'.repeat(200), 0x1ab, 8);
    expect(parts).toHaveLength(2);
    expect([...parts[0]!.short_message.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 0xab, 2, 1]);
    expect(parts[0]!.short_message.length).toBe(6 + 153);
    expect(parts[1]!.esm_class).toBe(0x40);
  });

  it('uses a 16-bit reference when asked and keeps surrogate pairs whole in UCS-2', () => {
    const parts = buildSubmitParts('😀'.repeat(40), 0x1234, 16);
    expect(parts).toHaveLength(2);
    expect([...parts[0]!.short_message.subarray(0, 7)]).toEqual([0x06, 0x08, 0x04, 0x12, 0x34, 2, 1]);
    const text = parts.map((p) => decodeText(p.short_message.subarray(7), 8)).join('');
    expect(text).toBe('😀'.repeat(40));
  });

  it('reads concatenation from 8- and 16-bit UDH elements', () => {
    expect(concatFromUdh([Buffer.from([0x00, 0x03, 7, 3, 2])])).toEqual({ reference: 7, total: 3, seq: 2 });
    expect(concatFromUdh([Buffer.from([0x08, 0x04, 0x01, 0x02, 2, 1])])).toEqual({ reference: 0x102, total: 2, seq: 1 });
    expect(concatFromUdh([Buffer.from([0x0a, 0x01, 0x00])])).toBeNull();
  });
});

describe('SMPP addresses', () => {
  it('sends E.164 as international digits and a name as alphanumeric', () => {
    expect(toSmppAddress('+79161234567')).toEqual({ addr: '79161234567', ton: 1, npi: 1 });
    expect(toSmppAddress('Dispatch')).toEqual({ addr: 'Dispatch', ton: 5, npi: 0 });
  });

  it('reads national and international senders back as E.164, names as they are', () => {
    expect(fromSmppAddress('79161234567', 1, 'RU')).toBe('+79161234567');
    expect(fromSmppAddress('89161234567', 2, 'RU')).toBe('+79161234567');
    expect(fromSmppAddress('MTS', 5, 'RU')).toBe('MTS');
    expect(fromSmppAddress('0611', 0, 'RU')).toBe('0611');
  });
});
