// The SMPP carrier against a local SMSC built with the same `smpp` package, over real TCP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarrierError } from '../../main/station/carriers/carrier.js';
import { createSmppCarrier, type SmppCarrier } from '../../main/station/carriers/smpp/index.js';
import { RecordingSink, waitFor } from '../tools/recording-sink.js';
import { TestSmsc } from '../tools/smsc.js';

const CYRILLIC_3_PARTS =
  'Внимание! Авария на подстанции №7. Всем дежурным инженерам прибыть на объект в течение часа. ' +
  'Ответьте 1, если выезжаете, 2, если не можете. Повторяю: авария на подстанции №7, нужен выезд.';

let smsc: TestSmsc;
let carrier: SmppCarrier;
let sink: RecordingSink;

function makeCarrier(overrides: Record<string, unknown> = {}): SmppCarrier {
  return createSmppCarrier({
    kind: 'smpp',
    id: 'smpp-test',
    name: 'Test SMSC',
    host: '127.0.0.1',
    port: smsc.port,
    systemId: 'switchboard',
    password: 'secret',
    sourceAddr: 'Dispatch',
    responseTimeoutMs: 1_000,
    reconnect: { initialMs: 50, maxMs: 200 },
    ...overrides,
  });
}

beforeEach(async () => {
  smsc = new TestSmsc();
  await smsc.start(0);
  sink = new RecordingSink();
});

afterEach(async () => {
  await carrier?.stop();
  await smsc.stop();
});

async function startUp(overrides: Record<string, unknown> = {}): Promise<void> {
  carrier = makeCarrier(overrides);
  await carrier.start(sink);
  await waitFor(() => carrier.status().state === 'up', 'the carrier to bind');
}

describe('SMPP carrier', () => {
  it('binds as a transceiver and reports up', async () => {
    await startUp();
    expect(smsc.binds).toBe(1);
    expect(sink.statuses.map((s) => s.state)).toEqual(['connecting', 'up']);
  });

  it('reports down with the reason when the SMSC refuses the login, and keeps retrying', async () => {
    carrier = makeCarrier({ password: 'wrong' });
    await carrier.start(sink);
    await waitFor(() => sink.statuses.filter((s) => s.state === 'down').length >= 2, 'two failed binds');
    const down = sink.statuses.find((s) => s.state === 'down')!;
    expect(down.detail).toMatch(/refused the login.*password/i);
    expect(smsc.binds).toBe(0);
  });

  it('submits a short Latin text as one GSM-7 part to the international number', async () => {
    await startUp();
    const result = await carrier.send({ messageId: 1, phone: '+79161234567', text: 'Alert {1}', requestReport: true });
    expect(result.refs).toHaveLength(1);
    const [sm] = smsc.submitted;
    expect(sm).toMatchObject({ destination: '79161234567', destTon: 1, dataCoding: 0, esmClass: 0, source: 'Dispatch', registeredDelivery: 1 });
    expect(sm!.text).toBe('Alert {1}');
    expect(result.refs[0]).toBe(sm!.messageId);
  });

  it('submits a 3-part Cyrillic text as UCS-2 with a concatenation UDH, one ref per part', async () => {
    await startUp();
    expect(CYRILLIC_3_PARTS.length).toBeGreaterThan(134);
    const result = await carrier.send({ messageId: 2, phone: '+79161234567', text: CYRILLIC_3_PARTS, requestReport: true });
    expect(result.refs).toHaveLength(3);
    expect(smsc.submitted).toHaveLength(3);
    const concats = smsc.submitted.map((s) => s.concat);
    expect(concats.map((c) => c?.seq)).toEqual([1, 2, 3]);
    expect(new Set(concats.map((c) => c?.total))).toEqual(new Set([3]));
    expect(new Set(concats.map((c) => c?.reference)).size).toBe(1);
    for (const sm of smsc.submitted) {
      expect(sm.dataCoding).toBe(8);
      expect(sm.esmClass & 0x40).toBe(0x40);
      expect(sm.bytes.length).toBeLessThanOrEqual(140);
    }
    expect(smsc.submitted.map((s) => s.text).join('')).toBe(CYRILLIC_3_PARTS);
    expect(result.refs).toEqual(smsc.submitted.map((s) => s.messageId));
  });

  it('turns each delivery receipt into a report for that segment', async () => {
    await startUp();
    smsc.autoReceipt = 'DELIVRD';
    const { refs } = await carrier.send({ messageId: 3, phone: '+79161234567', text: CYRILLIC_3_PARTS, requestReport: true });
    await waitFor(() => sink.reports.length === 3, 'three receipts');
    expect(sink.reports.map((r) => r.ref).sort()).toEqual([...refs].sort());
    expect(sink.reports.every((r) => r.status === 'delivered')).toBe(true);
  });

  it('reads an undelivered receipt from its text alone and says why', async () => {
    await startUp();
    const { refs } = await carrier.send({ messageId: 4, phone: '+79161234567', text: 'x', requestReport: true });
    const status = await smsc.sendReceipt(refs[0]!, 'UNDELIV', { tlv: false, err: '001' });
    expect(status).toBe(0);
    expect(sink.reports).toEqual([
      expect.objectContaining({ ref: refs[0], status: 'failed', error: expect.stringMatching(/UNDELIV.*001/) }),
    ]);
  });

  it('hands an inbound Cyrillic SMS to the sink and acknowledges it only after the commit', async () => {
    await startUp();
    let open!: () => void;
    sink.gate = new Promise((r) => (open = r));
    let answered = false;
    const acks = smsc.deliverMo('+79161234567', '1234', 'Принято, выезжаю').then((s) => {
      answered = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    open();
    expect(await acks).toEqual([0]);
    expect(sink.inbounds).toEqual([expect.objectContaining({ from: '+79161234567', to: '1234', text: 'Принято, выезжаю' })]);
  });

  it('reassembles a multipart inbound SMS arriving out of order into one message', async () => {
    await startUp();
    const text = 'Ответ по заявке 4711: кабель заменён, подстанция под напряжением, бригада возвращается на базу.';
    const acks = await smsc.deliverMo('+79161234567', '1234', text, 3, { order: [2, 0, 1] });
    expect(acks).toEqual([0, 0, 0]);
    expect(sink.inbounds).toHaveLength(1);
    expect(sink.inbounds[0]!.text).toBe(text);
  });

  it('answers "try later" when the store cannot commit an inbound SMS', async () => {
    await startUp();
    sink.failCommits = true;
    expect(await smsc.deliverMo('+79161234567', '1234', 'hello')).toEqual([0x64]);
  });

  it('reconnects after the SMSC restarts and sends again', async () => {
    await startUp();
    const port = smsc.port;
    await smsc.stop();
    await waitFor(() => carrier.status().state === 'down', 'the carrier to notice');
    await expect(carrier.send({ messageId: 5, phone: '+79161234567', text: 'x', requestReport: false })).rejects.toMatchObject({
      code: 'smpp-down',
      transient: true,
    });
    await smsc.start(port);
    await waitFor(() => carrier.status().state === 'up', 'the carrier to rebind');
    const { refs } = await carrier.send({ messageId: 6, phone: '+79161234567', text: 'after restart', requestReport: false });
    expect(refs).toHaveLength(1);
    expect(smsc.binds).toBe(2); // bound once before the restart and once after
  });

  it('leaves a submit awaiting its answer in doubt when the link drops, and reports it lost', async () => {
    await smsc.stop();
    smsc = new TestSmsc({ submitDelayMs: 5_000 });
    await smsc.start(0);
    await startUp();
    const pending = carrier.send({ messageId: 9, phone: '+79161234567', text: 'x', requestReport: false }).catch((e: unknown) => e);
    await waitFor(() => smsc.submitCount === 1, 'the submit to reach the SMSC');
    await smsc.stop();
    expect(await pending).toMatchObject({ kind: 'in-doubt', code: 'smpp-connection-lost' });
    await waitFor(() => sink.lates.length === 1, 'the loss to be reported');
    expect(sink.lates).toEqual([{ messageId: 9, answer: { kind: 'lost' } }]);
  });

  it('applies a submit_sm_resp that comes after the deadline, and holds its window place till then', async () => {
    await smsc.stop();
    smsc = new TestSmsc({ submitDelayMs: 600 });
    await smsc.start(0);
    await startUp({ responseTimeoutMs: 300, window: 3 });
    const error = await carrier.send({ messageId: 10, phone: '+79161234567', text: 'x', requestReport: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'in-doubt', code: 'smpp-timeout' });
    expect(carrier.capacity()).toBe(2);
    await waitFor(() => sink.lates.length === 1, 'the late answer');
    expect(sink.lates[0]).toEqual({ messageId: 10, answer: { kind: 'sent', refs: [smsc.submitted[0]!.messageId] } });
    expect(carrier.capacity()).toBe(3);
  });

  it('reads a generic_nack carrying the submit’s sequence number as its refusal (§4.3)', async () => {
    await startUp();
    smsc.faults.genericNack = true;
    smsc.faults.refuseAll = 0x58;
    const error = await carrier.send({ messageId: 11, phone: '+79161234567', text: 'x', requestReport: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'throttled', code: 'smpp-0x0058' });
  });

  it('drops and re-binds a link whose SMSC answers enquire_link but no submit (Kannel wait-ack)', async () => {
    await startUp({ responseTimeoutMs: 200, waitAckMs: 600 });
    smsc.faults.silent = true;
    const error = await carrier.send({ messageId: 12, phone: '+79161234567', text: 'x', requestReport: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'in-doubt' });
    await waitFor(() => sink.lates.length === 1, 'the hung link to be dropped', 3_000);
    expect(sink.lates[0]).toEqual({ messageId: 12, answer: { kind: 'lost' } });
    expect(sink.statuses.some((s) => s.state === 'down' && /no submit/i.test(s.detail ?? ''))).toBe(true);
    smsc.faults.silent = false;
    await waitFor(() => carrier.status().state === 'up' && smsc.binds === 2, 'the carrier to bind again', 3_000);
  });

  it('gives an incoming SMS a content key, the same when the SMSC delivers it again', async () => {
    await startUp();
    await smsc.deliverMo('+79161234567', '1234', 'Принял, выезжаю');
    await smsc.deliverMo('+79161234567', '1234', 'Принял, выезжаю');
    await smsc.deliverMo('+79161234567', '1234', 'Принял, буду через час');
    const refs = sink.inbounds.map((m) => m.carrierRef);
    expect(refs[0]).toMatch(/^mo:/);
    expect(refs[1]).toBe(refs[0]);
    expect(refs[2]).not.toBe(refs[0]);
    expect(sink.inbounds[0]!.carrierRefWindowMs).toBe(3_600_000);
  });

  it('answers a receipt "try later" when the station cannot store it', async () => {
    await startUp();
    const { refs } = await carrier.send({ messageId: 13, phone: '+79161234567', text: 'x', requestReport: true });
    sink.report = () => {
      throw new Error('disk full');
    };
    expect(await smsc.sendReceipt(refs[0]!, 'DELIVRD')).toBe(0x64);
  });

  it('stores the parts that came, marked, when a multipart SMS never completes', async () => {
    await startUp({ reassemblyTimeoutMs: 200 });
    const text = 'Первая часть ответа, вторая часть ответа, третья часть ответа.';
    // Parts 1 and 3 of 3 only: their answers wait for the commit after the timeout.
    const acks = await smsc.deliverMo('+79161234567', '1234', text, 3, { order: [0, 2] });
    expect(acks).toEqual([0, 0]);
    expect(sink.inbounds).toHaveLength(1);
    expect(sink.inbounds[0]!.text).toContain('[…]');
    expect(sink.inbounds[0]!.text.startsWith('Первая')).toBe(true);
  });

  it('probes the link with enquire_link and drops a link whose SMSC stops answering', async () => {
    await startUp({ enquireLinkMs: 100, responseTimeoutMs: 300 });
    await waitFor(() => smsc.enquireLinks >= 2, 'enquire_links');
    smsc.answerEnquireLink = false;
    await waitFor(() => carrier.status().state !== 'up', 'the dead link to be noticed', 3_000);
    expect(sink.statuses.find((s) => s.state === 'down')?.detail).toMatch(/enquire_link/);
    smsc.answerEnquireLink = true;
    await waitFor(() => carrier.status().state === 'up', 'the carrier to rebind', 3_000);
  });

  it('keeps no more submits outstanding than the window allows', async () => {
    await smsc.stop();
    smsc = new TestSmsc({ submitDelayMs: 20 });
    await smsc.start(0);
    await startUp({ window: 4 });
    const sends = Array.from({ length: 20 }, (_, i) =>
      carrier.send({ messageId: i, phone: '+79161234567', text: `n${i}`, requestReport: false }),
    );
    await Promise.all(sends);
    expect(smsc.submitCount).toBe(20);
    expect(smsc.maxOutstanding).toBe(4);
  });

  it('fails a refused destination permanently, a throttled or queue-full submit as back-pressure, a system error transiently', async () => {
    await startUp();
    const kinds: Record<number, string> = { 0x0b: 'permanent', 0x58: 'throttled', 0x14: 'throttled', 0x08: 'transient', 0x0a: 'transient' };
    let id = 7;
    for (const [status, kind] of Object.entries(kinds)) {
      smsc.nextStatuses.push(Number(status));
      const refused = await carrier.send({ messageId: id++, phone: '+79161234567', text: 'x', requestReport: false }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CarrierError);
      expect(refused).toMatchObject({ kind, code: `smpp-0x${Number(status).toString(16).padStart(4, '0')}` });
    }
  });
});
