// Our PDU codec against Gammu's, both ways, over a corpus of the texts a dispatch center sends.
import { describe, expect, it } from 'vitest';
import { buildSubmitPdus } from '../../main/station/carriers/modem/pdu/submit.js';
import { buildDeliverPdus, buildStatusReportPdu } from '../../main/station/carriers/modem/pdu/deliver.js';
import { decodePdu, type DeliverPdu, type SubmitPduInfo } from '../../main/station/carriers/modem/pdu/decode.js';
import { isGsm7 } from '../../shared/sms/gsm7.js';
import { gammuDecode, gammuEncode } from '../tools/gammu.js';

const corpus: Array<[string, string]> = [
  ['ASCII', 'Fire alarm at substation 4, report to gate B.'],
  ['GSM-7 extension', 'Use {code} [A|B] ~ ^ \\ €100'],
  ['Cyrillic', 'Авария на подстанции №4. Ёлки, срочно!'],
  ['emoji', 'Пожар 🔥 эвакуация 🚒 сбор у ворот 👷'],
  ['2-part GSM-7', 'All crews report to the north gate immediately. '.repeat(5)],
  ['3-part GSM-7 with extensions', '{[Alert]} '.repeat(40)],
  ['2-part Cyrillic', 'Отключение электроэнергии в районе Северный. '.repeat(3)],
  ['3-part Cyrillic', 'Бригадам прибыть на объект №17 к 14:00, подтвердите ответом 1. '.repeat(3)],
];

const to = '+79161234567';

describe('our SMS-SUBMIT read by Gammu', () => {
  for (const [name, text] of corpus) {
    for (const refBits of [8, 16] as const) {
      it(`${name}, ${refBits}-bit ref: same number, text and part numbering`, () => {
        const pdus = buildSubmitPdus({ to, text, requestReport: true, concatRef: refBits === 16 ? 0xbeef : 0x5a, refBits });
        const g = gammuDecode(pdus.map((p) => p.hex));
        expect(g.map((s) => s.error)).toEqual(g.map(() => undefined));
        expect(g.map((s) => s.text).join('')).toBe(text);
        for (const [i, s] of g.entries()) {
          expect(s).toMatchObject({ type: 'Submit', number: to });
          if (pdus.length > 1) {
            expect(s).toMatchObject({ part: i + 1, parts: pdus.length });
            expect(refBits === 16 ? s.id16 : s.id8).toBe(refBits === 16 ? 0xbeef : 0x5a);
          }
        }
      });
    }
  }
});

describe('our SMS-DELIVER read by Gammu', () => {
  for (const [name, text] of corpus) {
    for (const from of ['+79001112233', 'MCHS Rus']) {
      it(`${name} from ${from}: same sender, text and local time`, () => {
        const pdus = buildDeliverPdus({ from, text, sentAt: Date.UTC(2025, 6, 1, 9, 30, 0), zoneMinutes: 180, concatRef: 9 });
        const g = gammuDecode(pdus);
        expect(g.map((s) => s.text).join('')).toBe(text);
        for (const s of g) expect(s).toMatchObject({ type: 'Deliver', number: from, dateTime: '2025-07-01T12:30:00' });
      });
    }
  }
});

describe('Gammu-built PDUs read by our codec', () => {
  for (const [name, text] of corpus) {
    for (const ref16 of [false, true]) {
      it(`${name}${ref16 ? ', 16-bit ref' : ''}: SUBMIT and DELIVER decode to the same text`, () => {
        const unicode = !isGsm7(text);
        const submits = gammuEncode({ text, number: to, unicode, ref16 }).map((h) => decodePdu(h) as SubmitPduInfo);
        expect(submits.map((s) => s.text).join('')).toBe(text);
        expect(submits.every((s) => s.type === 'submit' && s.to === to)).toBe(true);
        if (submits.length > 1) {
          expect(submits.map((s) => s.concat?.seq)).toEqual(submits.map((_, i) => i + 1));
          expect(new Set(submits.map((s) => s.concat?.refBits))).toEqual(new Set([ref16 ? 16 : 8]));
        }
        const delivers = gammuEncode({ text, number: 'Dispatch', layout: 'Deliver', unicode, ref16 }).map((h) => decodePdu(h) as DeliverPdu);
        expect(delivers.map((d) => d.text).join('')).toBe(text);
        expect(delivers.every((d) => d.type === 'deliver' && d.from === 'Dispatch')).toBe(true);
      });
    }
  }
});

describe('status reports read by Gammu', () => {
  for (const [status, gammuText] of [[0x00, 'Delivered'], [0x46, 'Failed'], [0x21, 'Pending']] as const) {
    it(`TP-ST 0x${status.toString(16)} with its message reference`, () => {
      const { hex } = buildStatusReportPdu({ messageRef: 201, recipient: to, submittedAt: Date.UTC(2025, 0, 2), dischargedAt: Date.UTC(2025, 0, 2, 0, 0, 7), status });
      const [g] = gammuDecode([hex]);
      expect(g).toMatchObject({ type: 'Status_Report', number: to, mr: 201, deliveryStatus: status });
      expect(g!.text).toContain(gammuText);
    });
  }
});
