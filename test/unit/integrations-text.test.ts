import { describe, expect, it } from 'vitest';
import { parseValidityPeriod } from '../../main/station/integrations/m2m/validity.js';
import { smsTextOf, trimBody } from '../../main/station/integrations/mail/mail-text.js';
import { guardXml } from '../../main/station/integrations/m2m/xml-guard.js';

describe('SMPP relative validity period', () => {
  it('reads hours and minutes from their SMPP positions', () => {
    expect(parseValidityPeriod('000000010000000R')).toBe(60);
    expect(parseValidityPeriod('000000001000000R')).toBe(10);
    expect(parseValidityPeriod('000001000000000R')).toBe(24 * 60);
  });
  it('treats empty as no validity and refuses other forms naming the field', () => {
    expect(parseValidityPeriod('')).toBeUndefined();
    expect(() => parseValidityPeriod('3600')).toThrow(/validityPeriod "3600"/);
  });
});

describe('mail text', () => {
  it('drops the signature, quoted lines and the "wrote:" tail', () => {
    expect(trimBody('Диск заполнен\n> old\nOn Mon, 1 Jan 2026 Ivan wrote:\n> older\n')).toBe('Диск заполнен');
    expect(trimBody('Текст\n\n-- \nZabbix')).toBe('Текст');
    expect(trimBody('Да\n\n20.01.2026, Иван писал(а):\nстарое')).toBe('Да');
  });
  it('joins the subject without Re:/Fwd: and the HTML body converted to text', () => {
    expect(smsTextOf('Re: Fwd: Авария #1', undefined, '<p>Свободно&nbsp;2%</p><blockquote>старое</blockquote>')).toBe('Авария #1\nСвободно 2%');
  });
});

describe('XML guard', () => {
  it('refuses a DOCTYPE and entity declarations before parsing', () => {
    expect(() => guardXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><x>&a;</x>')).toThrow(/DOCTYPE/);
    expect(() => guardXml('<x><!ENTITY a "b"></x>')).toThrow(/entity/);
    expect(() => guardXml('<?xml version="1.0" encoding="utf-8"?><x/>')).not.toThrow();
  });
});
