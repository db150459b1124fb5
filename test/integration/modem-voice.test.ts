// Voice calls through the real serial stack: the modem driver against the emulator's voice layer
// over a socat pty. Each test says what was dialled, what the far end did, what the driver
// reported, and how long the modem was held from SMS.
import { afterEach, describe, expect, it } from 'vitest';
import type { CarrierSink, InboundSms } from '../../main/station/carriers/carrier.js';
import type { IncomingCall } from '../../main/station/carriers/voice.js';
import { createModemCarrier, type ModemCarrier } from '../../main/station/carriers/modem/index.js';
import { parseClcc, parseClip } from '../../main/station/carriers/modem/voice-profiles.js';
import { startVoiceModem, type VoiceModem } from '../tools/modem-emulator/voice-harness.js';
import { VOICE_MODELS, type VoiceModel } from '../tools/modem-emulator/voice.js';
import { until as waitFor } from '../tools/dispatch-station.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const until = (what: string, check: () => boolean, ms = 10_000) => waitFor(check, ms, what);

const sink = (): CarrierSink & { received: InboundSms[] } => {
  const s = { received: [] as InboundSms[], inbound: async (sms: InboundSms) => void s.received.push(sms), report: () => undefined, status: () => undefined };
  return s;
};

async function setup(profile: 'simcom' | 'generic', model: VoiceModel = profile === 'simcom' ? VOICE_MODELS.simcom : VOICE_MODELS.generic): Promise<{ modem: VoiceModem; carrier: ModemCarrier }> {
  const modem = await startVoiceModem({}, model);
  const carrier = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: modem.stationPath, profile, reopenMinMs: 100, reopenMaxMs: 500 });
  cleanups.push(async () => {
    await carrier.stop();
    await modem.stop();
  });
  await carrier.start(sink());
  await until('the modem is up', () => carrier.status().state === 'up');
  await until('caller ID on', () => modem.voice.commands.includes('AT+CLIP=1'));
  return { modem, carrier };
}

const PHONE = '+79161234567';

describe('voice call step through the modem (+CLCC polling, SIMCom profile)', () => {
  it('rings, sees the answer in +CLCC, hangs up at once: answered', async () => {
    const { modem, carrier } = await setup('simcom');
    modem.voice.callee(PHONE, { kind: 'answer', afterMs: 600 });
    const outcome = await carrier.voiceLines()[0]!.dial(PHONE, 10);
    expect(outcome).toMatchObject({ state: 'answered', lineId: 'gsm1' });
    expect(modem.voice.calls).toEqual([expect.objectContaining({ to: PHONE, endedBy: 'station' })]);
    expect(modem.voice.commands).toEqual(expect.arrayContaining(['AT+COLP=0', `ATD${PHONE};`, 'AT+CLCC', 'ATH']));
  });

  it('reports BUSY and NO CARRIER as the network says them, unsolicited after ATD\u2019s OK', async () => {
    const { modem, carrier } = await setup('simcom');
    modem.voice.callee(PHONE, { kind: 'busy', afterMs: 700 });
    modem.voice.callee('+79160000002', { kind: 'unreachable' });
    expect((await carrier.voiceLines()[0]!.dial(PHONE, 10)).state).toBe('busy');
    expect((await carrier.voiceLines()[0]!.dial('+79160000002', 10)).state).toBe('no-carrier');
    expect(modem.voice.calls.map((c) => c.endedBy)).toEqual(['network', 'network']);
  });

  it('hangs up after the ring time when nobody answers, and holds SMS back no longer than that', async () => {
    const { modem, carrier } = await setup('simcom');
    modem.voice.callee(PHONE, { kind: 'ignore' });
    const started = Date.now();
    const ringing = carrier.voiceLines()[0]!.dial(PHONE, 3);
    await until('the call rings', () => modem.voice.calls.length === 1);
    // An SMS queued while the phone rings goes out after the hang-up, not before, and not much later.
    const sms = carrier.send({ messageId: 1, phone: '+79160000009', text: 'Авария на ПС-12', requestReport: false });
    const outcome = await ringing;
    const sentAt = await sms.then(() => Date.now());
    expect(outcome).toMatchObject({ state: 'no-answer' });
    expect(modem.voice.calls[0]!.endedBy).toBe('station');
    expect(modem.emulator.sent.length).toBe(1);
    expect(modem.emulator.sent[0]!.at).toBeGreaterThanOrEqual(modem.voice.calls[0]!.endedAt!);
    expect(sentAt - started).toBeLessThan(3_000 + 8_000 + 5_000);
  }, 40_000);

  it('falls back to AT+CHUP on a modem that refuses ATH for voice', async () => {
    const { modem, carrier } = await setup('simcom', VOICE_MODELS.chupOnly);
    modem.voice.callee(PHONE, { kind: 'answer', afterMs: 300 });
    expect((await carrier.voiceLines()[0]!.dial(PHONE, 10)).state).toBe('answered');
    expect(modem.voice.commands.filter((c) => c === 'ATH' || c === 'AT+CHUP')).toEqual(['ATH', 'AT+CHUP']);
    expect(modem.voice.calls[0]!.endedBy).toBe('station');
  });
});

describe('voice call step on a modem without +CLCC (ATD with AT+COLP=1)', () => {
  it('takes ATD\u2019s own OK as the answer, BUSY as busy', async () => {
    const { modem, carrier } = await setup('generic');
    modem.voice.callee(PHONE, { kind: 'answer', afterMs: 500 });
    modem.voice.callee('+79160000003', { kind: 'busy', afterMs: 300 });
    expect((await carrier.voiceLines()[0]!.dial(PHONE, 10)).state).toBe('answered');
    expect((await carrier.voiceLines()[0]!.dial('+79160000003', 10)).state).toBe('busy');
    expect(modem.voice.commands).toContain('AT+COLP=1');
    expect(modem.voice.commands).not.toContain('AT+CLCC');
  });

  it('gives up after the ring time and hangs up: no answer', async () => {
    const { modem, carrier } = await setup('generic');
    modem.voice.callee(PHONE, { kind: 'ignore' });
    const outcome = await carrier.voiceLines()[0]!.dial(PHONE, 3);
    expect(outcome.state).toBe('no-answer');
    await until('the call is over', () => modem.voice.calls[0]!.endedAt !== null);
    // The modem is in step afterwards: an SMS goes out.
    await carrier.send({ messageId: 2, phone: PHONE, text: 'test', requestReport: false });
    expect(modem.emulator.sent).toHaveLength(1);
  }, 40_000);
});

describe('incoming calls (RING + +CLIP)', () => {
  it('hears the caller ID, rejects the call at once, and tells who it was', async () => {
    const { modem, carrier } = await setup('simcom');
    const calls: IncomingCall[] = [];
    carrier.onIncomingCall((c) => calls.push(c));
    const how = await modem.voice.incomingCall(PHONE, { rings: 5 });
    expect(how).toBe('rejected');
    expect(calls).toEqual([expect.objectContaining({ from: PHONE, lineId: 'gsm1' })]);
    const withheld = await modem.voice.incomingCall('+79160000004', { withheld: true });
    expect(withheld).toBe('rejected');
    expect(calls[1]).toMatchObject({ from: null });
  });

  it('parses +CLIP and +CLCC as 27.007 writes them', () => {
    expect(parseClip('+CLIP: "+79161234567",145,"",,"",0')).toBe('+79161234567');
    expect(parseClip('+CLIP: "79161234567",145')).toBe('+79161234567');
    expect(parseClip('+CLIP: "89161234567",129,"",,"Иванов",0')).toBe('89161234567');
    expect(parseClip('+CLIP: "",128,"",,"",1')).toBeNull();
    expect(parseClcc('+CLCC: 1,0,3,0,0,"+79161234567",145')).toEqual({ id: 1, outgoing: true, stat: 3, voice: true, number: '+79161234567' });
    expect(parseClcc('+CLCC: 2,1,4,0,0')).toMatchObject({ outgoing: false, stat: 4, number: null });
  });
});
