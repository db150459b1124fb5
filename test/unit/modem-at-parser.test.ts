import { describe, expect, it } from 'vitest';
import { AtLineParser } from '../../main/station/carriers/modem/at-parser.js';
import { fields, parseFinal, urcHasBody, urcName } from '../../main/station/carriers/modem/at-result.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('AT line parser', () => {
  it('joins a line split over several reads', () => {
    const p = new AtLineParser();
    expect(p.push(bytes('\r\n+CS'))).toEqual([]);
    expect(p.push(bytes('Q: 21,'))).toEqual([]);
    expect(p.push(bytes('99\r\n'))).toEqual([{ type: 'line', text: '+CSQ: 21,99' }]);
  });

  it('splits merged lines and accepts CR-only and LF-only ends', () => {
    const p = new AtLineParser();
    expect(p.push('\r\n+CMTI: "SM",3\r\n\r\nOK\rRING\nERROR\r\n')).toEqual([
      { type: 'line', text: '+CMTI: "SM",3' },
      { type: 'line', text: 'OK' },
      { type: 'line', text: 'RING' },
      { type: 'line', text: 'ERROR' },
    ]);
  });

  it('drops control bytes and 8-bit noise and counts them', () => {
    const p = new AtLineParser();
    expect(p.push(bytes('\x00\xff\xfeO\x00K\r\n'))).toEqual([{ type: 'line', text: 'OK' }]);
    expect(p.noise).toBe(4);
  });

  it('recognises the SMS prompt, which has no line end, also when split', () => {
    const p = new AtLineParser();
    expect(p.push('\r\n> ')).toEqual([{ type: 'prompt' }]);
    const q = new AtLineParser();
    expect(q.push('\r\n>')).toEqual([{ type: 'prompt' }]);
    expect(q.push(' ')).toEqual([]);
    expect(q.push('\r\n+CMGS: 4\r\n')).toEqual([{ type: 'line', text: '+CMGS: 4' }]);
  });

  it('sees the prompt when an echoing modem prints the PDU on the same line', () => {
    const p = new AtLineParser();
    expect(p.push('AT+CMGS=17\r\r\n> 0791AB\r\n')).toEqual([
      { type: 'line', text: 'AT+CMGS=17' },
      { type: 'prompt' },
      { type: 'line', text: '0791AB' },
    ]);
  });

  it('discards an endless line of garbage instead of growing without bound', () => {
    const p = new AtLineParser();
    p.push('x'.repeat(5000));
    const tokens = p.push('\r\nOK\r\n');
    // What is left of the noise ends as one junk line (the session reports it); OK still comes through.
    expect(tokens.at(-1)).toEqual({ type: 'line', text: 'OK' });
    expect(tokens.every((t) => t.type === 'line' && t.text.length <= 2048)).toBe(true);
    expect(p.noise).toBeGreaterThan(2000);
  });
});

describe('AT result codes', () => {
  it('reads final results, numeric CMS/CME errors and verbose ones', () => {
    expect(parseFinal('OK')).toEqual({ kind: 'ok' });
    expect(parseFinal('+CMS ERROR: 38')).toEqual({ kind: 'error', family: 'cms', code: 38, text: '38' });
    expect(parseFinal('+CME ERROR: SIM PIN required')).toEqual({ kind: 'error', family: 'cme', code: null, text: 'SIM PIN required' });
    expect(parseFinal('+CSQ: 20,99')).toBeNull();
  });

  it('knows URCs and which carry a PDU line', () => {
    expect(urcName('+CMTI: "SM",1')).toBe('+CMTI');
    expect(urcHasBody('+CDS: 25')).toBe(true);
    expect(urcHasBody('+CDSI: "SM",2')).toBe(false);
    expect(urcName('+FOO: 1')).toBeNull();
  });

  it('splits fields with quoted commas', () => {
    expect(fields('+COPS: 0,0,"Tele2, RU",7')).toEqual(['0', '0', 'Tele2, RU', '7']);
  });
});
