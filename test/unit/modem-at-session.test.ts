// The command queue over an in-memory transport that plays the modem's side byte by byte.
import { describe, expect, it } from 'vitest';
import { AtSession, type Urc } from '../../main/station/carriers/modem/at-session.js';
import type { ModemTransport } from '../../main/station/carriers/modem/transport.js';
import { toCarrierError } from '../../main/station/carriers/modem/errors.js';

function fakeModem() {
  const written: string[] = [];
  let onData: (c: Uint8Array) => void = () => undefined;
  const transport: ModemTransport = {
    write: async (d) => {
      written.push(typeof d === 'string' ? d : Buffer.from(d).toString('latin1'));
    },
    onData: (l) => (onData = l),
    onClose: () => undefined,
    close: async () => undefined,
  };
  const urcs: Urc[] = [];
  const unexpected: string[] = [];
  const session = new AtSession(transport, { urc: (u) => urcs.push(u), unexpected: (l) => unexpected.push(l) });
  // Only the latest session gets the bytes, as on a port reopened.
  const say = (s: string) => onData(Buffer.from(s, 'latin1'));
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { session, written, say, urcs, unexpected, tick, transport };
}

describe('AT session', () => {
  it('keeps one command in flight and answers them in order', async () => {
    const m = fakeModem();
    const a = m.session.run({ text: 'AT+CSQ', prefix: '+CSQ' });
    const b = m.session.run({ text: 'AT+CREG?', prefix: '+CREG' });
    await m.tick();
    expect(m.written).toEqual(['AT+CSQ\r']);
    m.say('\r\n+CSQ: 17,99\r\n\r\nOK\r\n');
    await expect(a).resolves.toEqual({ lines: ['+CSQ: 17,99'] });
    await m.tick();
    expect(m.written).toEqual(['AT+CSQ\r', 'AT+CREG?\r']);
    m.say('\r\n+CREG: 0,1\r\nOK\r\n');
    await expect(b).resolves.toEqual({ lines: ['+CREG: 0,1'] });
  });

  it('hands a URC arriving mid-response on, with the PDU line of +CDS', async () => {
    const m = fakeModem();
    const list = m.session.run({ text: 'AT+CMGL=4', prefix: '+CMGL', pduBodies: true });
    m.say('\r\n+CMGL: 1,0,,5\r\n0011AB\r\n+CMTI: "SM",2\r\n+CDS: 25\r\n0006C3\r\nOK\r\n');
    await expect(list).resolves.toEqual({ lines: ['+CMGL: 1,0,,5', '0011AB'] });
    expect(m.urcs).toEqual([
      { name: '+CMTI', line: '+CMTI: "SM",2' },
      { name: '+CDS', line: '+CDS: 25', body: '0006C3' },
    ]);
  });

  it('ignores the echo of its own command and reports unknown lines', async () => {
    const m = fakeModem();
    const r = m.session.run({ text: 'AT+CSQ', prefix: '+CSQ' });
    m.say('AT+CSQ\r\r\n#garbled#\r\n+XYZ: 1\r\n+CSQ: 5,99\r\nOK\r\n');
    await expect(r).resolves.toEqual({ lines: ['+CSQ: 5,99'] });
    expect(m.unexpected).toEqual(['#garbled#', '+XYZ: 1']);
  });

  it('writes the PDU and Ctrl-Z at the prompt', async () => {
    const m = fakeModem();
    const r = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: '0011AA' });
    m.say('\r\n> ');
    await m.tick();
    expect(m.written).toEqual(['AT+CMGS=9\r', '0011AA\x1a']);
    m.say('\r\n+CMGS: 42\r\n\r\nOK\r\n');
    await expect(r).resolves.toEqual({ lines: ['+CMGS: 42'] });
  });

  it('escapes a prompt that never ends, resynchronises, then runs the next command', async () => {
    const m = fakeModem();
    const r = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: '00', timeoutMs: 30 });
    const next = m.session.run({ text: 'AT' });
    m.say('\r\n> ');
    await expect(r).rejects.toMatchObject({ family: 'timeout', pduSent: true });
    expect(m.written.slice(0, 3)).toEqual(['AT+CMGS=9\r', '00\x1a', '\x1b']);
    await m.tick();
    // The sentinel first: its +CSQ line marks where the orphan's answer ends.
    expect(m.written[3]).toBe('AT+CSQ\r');
    m.say('+CSQ: 20,99\r\nOK\r\n');
    await m.tick();
    expect(m.written[4]).toBe('AT\r');
    m.say('OK\r\n');
    await expect(next).resolves.toEqual({ lines: [] });
  });

  it('escapes a prompt nobody asked for', async () => {
    const m = fakeModem();
    m.say('> ');
    await m.tick();
    expect(m.written).toEqual(['\x1b']);
    expect(m.unexpected).toEqual(['>']);
  });

  it('turns +CMS ERROR into a CarrierError with the reason and whether to retry', async () => {
    const m = fakeModem();
    const r = m.session.run({ text: 'AT+CMGS=9', pdu: '00' });
    m.say('> ');
    m.say('\r\n+CMS ERROR: 42\r\n');
    const err = toCarrierError(await r.catch((e: unknown) => e));
    expect(err).toMatchObject({ code: 'cms:42', transient: true });
    expect(err.message).toBe('The network is congested (+CMS ERROR 42)');
    expect(toCarrierError(new (await import('../../main/station/carriers/modem/errors.js')).AtCommandError('AT+CMGS', 'cms', 28, '28'))).toMatchObject({ transient: false });
  });

  it('fails everything queued when the port closes', async () => {
    const m = fakeModem();
    const a = m.session.run({ text: 'AT' });
    const b = m.session.run({ text: 'AT' });
    m.session.close();
    await expect(a).rejects.toMatchObject({ family: 'closed' });
    await expect(b).rejects.toMatchObject({ family: 'closed' });
    await expect(m.session.run({ text: 'AT' })).rejects.toMatchObject({ family: 'closed' });
  });

  it('gives a late +CMGS answer to the command that timed out, not to the next one', async () => {
    const m = fakeModem();
    const lates: unknown[] = [];
    const first = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: 'AA', timeoutMs: 30, onLate: (l) => lates.push(l) });
    m.say('> ');
    await expect(first).rejects.toMatchObject({ family: 'timeout', pduSent: true });
    const second = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: 'BB' });
    await m.tick();
    expect(m.written.at(-1)).toBe('AT+CSQ\r');
    // The late answer of the first submit arrives, then the sentinel's answer.
    m.say('\r\n+CMGS: 17\r\n\r\nOK\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n');
    await m.tick();
    expect(lates).toEqual([{ kind: 'answered', lines: ['+CMGS: 17'] }]);
    expect(m.written.at(-1)).toBe('AT+CMGS=9\r');
    m.say('> ');
    await m.tick();
    m.say('\r\n+CMGS: 18\r\nOK\r\n');
    await expect(second).resolves.toEqual({ lines: ['+CMGS: 18'] });
  });

  it('takes a late answer while nothing else is in flight, and needs no sentinel after it', async () => {
    const m = fakeModem();
    const lates: unknown[] = [];
    const first = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: 'AA', timeoutMs: 30, onLate: (l) => lates.push(l) });
    m.say('> ');
    await expect(first).rejects.toMatchObject({ family: 'timeout' });
    m.say('\r\n+CMS ERROR: 42\r\n');
    expect(lates).toEqual([{ kind: 'refused', error: expect.objectContaining({ family: 'cms', code: 42 }) }]);
    const next = m.session.run({ text: 'AT' });
    await m.tick();
    expect(m.written.at(-1)).toBe('AT\r');
    m.say('OK\r\n');
    await expect(next).resolves.toEqual({ lines: [] });
  });

  it('calls a submit lost when the sentinel answers first, and when the port closes', async () => {
    const m = fakeModem();
    const lates: unknown[] = [];
    const a = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: 'AA', timeoutMs: 30, onLate: (l) => lates.push(['a', l]) });
    m.say('> ');
    await expect(a).rejects.toMatchObject({ family: 'timeout' });
    const probe = m.session.run({ text: 'AT+CREG?', prefix: '+CREG' });
    await m.tick();
    m.say('+CSQ: 10,99\r\nOK\r\n');
    await m.tick();
    expect(lates).toEqual([['a', { kind: 'lost' }]]);
    m.say('+CREG: 0,1\r\nOK\r\n');
    await expect(probe).resolves.toEqual({ lines: ['+CREG: 0,1'] });
    const b = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: 'BB', onLate: (l) => lates.push(['b', l]) });
    m.say('> ');
    await m.tick();
    m.session.close();
    await expect(b).rejects.toMatchObject({ family: 'closed', pduSent: true });
    expect(lates).toEqual([['a', { kind: 'lost' }], ['b', { kind: 'lost' }]]);
  });

  it('fails the waiting command when the sentinel gets no answer, and swallows the sentinel answer that comes later', async () => {
    const m = fakeModem();
    const session = new AtSession(m.transport, {}, { resyncTimeoutMs: 30 });
    const first = session.run({ text: 'AT+CPMS?', prefix: '+CPMS', timeoutMs: 30 });
    await expect(first).rejects.toMatchObject({ family: 'timeout' });
    const waiting = session.run({ text: 'AT+CGMI' });
    await expect(waiting).rejects.toMatchObject({ family: 'timeout' });
    const third = session.run({ text: 'AT+CREG?', prefix: '+CREG' });
    await m.tick();
    // The first sentinel's answer, late, then the orphan-free sentinel's answer, then ours.
    m.say('+CSQ: 5,99\r\nOK\r\n');
    await m.tick();
    m.say('+CSQ: 5,99\r\nOK\r\n');
    await m.tick();
    m.say('+CREG: 0,1\r\nOK\r\n');
    await expect(third).resolves.toEqual({ lines: ['+CREG: 0,1'] });
  });

  it('ends a command on an information line the profile says has no final result (Wavecom +CPIN?)', async () => {
    const m = fakeModem();
    m.session.configure({ infoEndsCommand: ['+CPIN:'] });
    const r = m.session.run({ text: 'AT+CPIN?', prefix: '+CPIN' });
    m.say('\r\n+CPIN: READY\r\n');
    await expect(r).resolves.toEqual({ lines: ['+CPIN: READY'] });
  });

  it('hands registered URCs to their handlers, longest prefix first, bodies included', async () => {
    const m = fakeModem();
    const seen: string[] = [];
    m.session.onUrc('+CLIP', (u) => seen.push(`clip ${u.line}`));
    m.session.onUrc('^RSSI', () => seen.push('rssi'));
    const off = m.session.onUrc('+CFUN: 1', (u) => seen.push(`boot ${u.line}`));
    m.session.onUrc('+CMT', (u) => seen.push(`cmt ${u.body}`), { body: true });
    m.say('\r\nRING\r\n+CLIP: "+79001112233",145\r\n^RSSI:17\r\n+CFUN: 1\r\n+CFUN: 0\r\n+CMT: ,23\r\n07911234\r\n');
    off();
    m.say('+CFUN: 1\r\n');
    expect(seen).toEqual(['clip +CLIP: "+79001112233",145', 'rssi', 'boot +CFUN: 1', 'cmt 07911234']);
    expect(m.unexpected).toEqual([]);
  });

  it('gives NO CARRIER to a listener when no command is in flight', async () => {
    const m = fakeModem();
    const seen: string[] = [];
    m.session.onUrc('NO CARRIER', (u) => seen.push(u.line));
    m.say('\r\nNO CARRIER\r\n');
    expect(seen).toEqual(['NO CARRIER']);
  });

  it('runs an exclusive block with nobody else in between, and ends it after its time', async () => {
    const m = fakeModem();
    let other!: Promise<unknown>;
    const block = m.session.exclusive(1_000, async (runner) => {
      other = m.session.run({ text: 'AT+CSQ', prefix: '+CSQ' });
      const dial = runner.run({ text: 'ATD+79001112233;' });
      await m.tick();
      m.say('OK\r\n');
      await dial;
      const hang = runner.run({ text: 'ATH' });
      await m.tick();
      expect(m.written).toEqual(['ATD+79001112233;\r', 'ATH\r']);
      m.say('OK\r\n');
      await hang;
      return 'done';
    });
    await expect(block).resolves.toBe('done');
    await m.tick();
    expect(m.written.at(-1)).toBe('AT+CSQ\r');
    m.say('+CSQ: 9,99\r\nOK\r\n');
    await expect(other).resolves.toEqual({ lines: ['+CSQ: 9,99'] });

    let late!: ReturnType<typeof m.session.run>;
    await m.session.exclusive(20, async (runner) => {
      await new Promise((r) => setTimeout(r, 40));
      late = runner.run({ text: 'ATH' });
    });
    await expect(late).rejects.toMatchObject({ family: 'closed' });
  });

  it('reports an echo after echo was switched off, and counts only answers as signs of life', async () => {
    const m = fakeModem();
    const echoes: string[] = [];
    const session = new AtSession(m.transport, { echo: (l) => echoes.push(l) });
    session.echoOff = true;
    const before = session.lastAnswerAt;
    await new Promise((r) => setTimeout(r, 5));
    m.say('^RSSI:17\r\n');
    expect(session.lastAnswerAt).toBe(before);
    const r = session.run({ text: 'AT+CSQ', prefix: '+CSQ' });
    m.say('AT+CSQ\r\r\n+CSQ: 5,99\r\nOK\r\n');
    await r;
    expect(echoes).toEqual(['AT+CSQ']);
    expect(session.lastAnswerAt).toBeGreaterThan(before);
  });
});
