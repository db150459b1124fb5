import { describe, expect, it } from 'vitest';
import { excelSerial, rowXml, xmlText } from '../../main/station/history/sheet-rows.js';

describe('sheet rows', () => {
  it('escapes XML and drops characters XML cannot hold, keeping newlines and tabs', () => {
    expect(xmlText('a<b>&"c"\u0007\n\td')).toBe('a&lt;b&gt;&amp;&quot;c&quot;\n\td');
  });

  it('writes Excel serial days for wall-clock times', () => {
    expect(excelSerial(Date.UTC(1970, 0, 1))).toBe(25569);
    expect(excelSerial(Date.UTC(2026, 10, 1, 12))).toBe(46327.5);
  });

  it('writes strings inline, numbers as numbers, dates with the date style, and skips empty cells', () => {
    expect(rowXml(2, [{ date: Date.UTC(1970, 0, 2) }, 'Ёлка', null, 12], 3)).toBe(
      '<row r="2" spans="1:4"><c r="A2" s="3"><v>25570</v></c>' +
        '<c r="B2" t="inlineStr"><is><t xml:space="preserve">Ёлка</t></is></c><c r="D2"><v>12</v></c></row>',
    );
  });
});
