// Text in the charsets old scripts send, declared or not.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeForm, decodeText, declaredCharset, guessCyrillic, xmlDeclaredCharset } from '../../main/station/integrations/charset.js';
import { splitPhones } from '../../main/station/integrations/phone-list.js';

const pct = (buf: Buffer) => [...buf].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const TEXT = 'Авария на подстанции 12, выезжайте';

describe('charsets', () => {
  it('obeys a declared charset in any of its common spellings', () => {
    expect(declaredCharset('application/x-www-form-urlencoded; charset=windows-1251')).toBe('windows-1251');
    expect(declaredCharset('text/xml; charset="CP1251"')).toBe('windows-1251');
    expect(charsetOf('KOI8-R')).toBe('koi8-r');
    expect(() => charsetOf('ebcdic')).toThrow(/not one this station reads/);
    expect(decodeText(iconv.encode(TEXT, 'koi8-r'), 'koi8-r')).toBe(TEXT);
  });

  it('reads undeclared bytes as UTF-8 when they are, else as the likelier of cp1251 and KOI8-R', () => {
    expect(decodeText(Buffer.from(TEXT))).toBe(TEXT);
    expect(decodeText(iconv.encode(TEXT, 'windows-1251'))).toBe(TEXT);
    expect(decodeText(iconv.encode(TEXT, 'koi8-r'))).toBe(TEXT);
    expect(guessCyrillic(iconv.encode('Сервер 1 недоступен', 'koi8-r'))).toBe('koi8-r');
    expect(guessCyrillic(iconv.encode('Сервер 1 недоступен', 'windows-1251'))).toBe('windows-1251');
  });

  it('decodes percent-encoded cp1251, KOI8-R and UTF-8 forms, %uXXXX and + for spaces', () => {
    expect(decodeForm(`message=${pct(iconv.encode(TEXT, 'windows-1251'))}&msid=7916`).pairs).toEqual([['message', TEXT], ['msid', '7916']]);
    expect(decodeForm(`message=${pct(iconv.encode(TEXT, 'koi8-r'))}`).pairs[0]![1]).toBe(TEXT);
    expect(decodeForm(`message=${encodeURIComponent(TEXT)}`).pairs[0]![1]).toBe(TEXT);
    expect(decodeForm('message=%u0410%u0432%u0430%u0440%u0438%u044F+1').pairs[0]![1]).toBe('Авария 1');
    expect(decodeForm('m=100%+done').pairs[0]![1]).toBe('100% done');
  });

  it('reads raw 8-bit bytes in a form body in the declared charset', () => {
    const body = Buffer.concat([Buffer.from('message='), iconv.encode('Бригада 1', 'windows-1251')]);
    expect(decodeForm(body, 'windows-1251').pairs[0]![1]).toBe('Бригада 1');
  });

  it('keeps the empty pair a stray & makes, in order', () => {
    expect(decodeForm('message=Tom & Jerry&msid=1').pairs).toEqual([['message', 'Tom '], [' Jerry', ''], ['msid', '1']]);
  });

  it('finds the encoding of an XML declaration', () => {
    expect(xmlDeclaredCharset(Buffer.from('<?xml version="1.0" encoding="windows-1251"?><a/>'))).toBe('windows-1251');
    expect(xmlDeclaredCharset(Buffer.from('<a/>'))).toBeUndefined();
  });
});

describe('bulk number lists', () => {
  it('keeps every entry in order, normalises the number forms the operator took and refuses only the malformed', () => {
    const s = splitPhones(['89160000001', '+7 916 000-00-02', '79160000003', '9160000004', '12', '89160000001']);
    expect(s.phones).toEqual(['+79160000001', '+79160000002', '+79160000003', '+79160000004']);
    expect(s.entries.map((e) => e.phone)).toEqual(['+79160000001', '+79160000002', '+79160000003', '+79160000004', null, '+79160000001']);
    expect(s.refused).toEqual([expect.objectContaining({ kind: 'phone', target: '12', reason: expect.stringMatching(/not a valid phone number/) })]);
  });
});

describe('8-bit mail without a declared charset', () => {
  it('recodes a raw cp1251 Subject and declares the KOI8-R body’s charset, leaving declared mail alone', async () => {
    const { normalizeRawMail } = await import('../../main/station/integrations/mail/mail-charset.js');
    const { simpleParser } = await import('mailparser');
    const raw = Buffer.concat([
      Buffer.from('From: nagios@example.org\r\nTo: mail2sms@sms.example.org\r\nSubject: '),
      iconv.encode('Сервер недоступен #авария', 'windows-1251'),
      Buffer.from('\r\nContent-Type: text/plain\r\n\r\n'),
      iconv.encode('Пинг не проходит с 03:10', 'koi8-r'),
    ]);
    const mail = await simpleParser(normalizeRawMail(raw));
    expect(mail.subject).toBe('Сервер недоступен #авария');
    expect(mail.text?.trim()).toBe('Пинг не проходит с 03:10');
    const declared = Buffer.from('Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nтекст');
    expect(normalizeRawMail(declared)).toBe(declared);
  });
});
