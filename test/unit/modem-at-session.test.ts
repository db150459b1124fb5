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
  const say = (s: string) => onData(Buffer.from(s, 'latin1'));
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { session, written, say, urcs, unexpected, tick };
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

  it('escapes a prompt that never ends, then runs the next command', async () => {
    const m = fakeModem();
    const r = m.session.run({ text: 'AT+CMGS=9', prefix: '+CMGS', pdu: '00', timeoutMs: 30 });
    const next = m.session.run({ text: 'AT' });
    m.say('\r\n> ');
    await expect(r).rejects.toMatchObject({ family: 'timeout' });
    expect(m.written.slice(0, 3)).toEqual(['AT+CMGS=9\r', '00\x1a', '\x1b']);
    await m.tick();
    expect(m.written[3]).toBe('AT\r');
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
});
