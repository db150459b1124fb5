import { describe, expect, it } from 'vitest';
import type { CarrierState, CarrierStatus } from '../../shared/protocol/index.js';
import { emptyStatus, type Carrier, type CarrierSink } from '../../main/station/carriers/carrier.js';
import { OperatorTable } from '../../main/station/carriers/operator-table.js';
import { CarrierRouter } from '../../main/station/carriers/router.js';

class FakeCarrier implements Carrier {
  readonly kind = 'simulator' as const;
  private current: CarrierStatus;
  private sink: CarrierSink | null = null;
  constructor(
    readonly id: string,
    state: CarrierState = 'up',
  ) {
    this.current = { ...emptyStatus(id, 'simulator', id), state };
  }
  async start(sink: CarrierSink) {
    this.sink = sink;
  }
  async stop() {}
  status() {
    return this.current;
  }
  set(state: CarrierState) {
    this.current = { ...this.current, state };
    this.sink?.status(this.current);
  }
  async send() {
    return { refs: [`${this.id}-1`] };
  }
}

const sink: CarrierSink = { inbound: async () => {}, report: () => {}, status: () => {} };

describe('CarrierRouter', () => {
  it('picks the first carrier that is up, in listed order', () => {
    const a = new FakeCarrier('a', 'down');
    const b = new FakeCarrier('b');
    const c = new FakeCarrier('c');
    expect(new CarrierRouter([a, b, c]).pick('+79161234567')?.id).toBe('b');
  });

  it('orders routes by priority, lower first, whatever order they were listed in', () => {
    const router = new CarrierRouter([
      { carrier: new FakeCarrier('modem'), priority: 3 },
      { carrier: new FakeCarrier('smpp'), priority: 1 },
      { carrier: new FakeCarrier('http'), priority: 2 },
    ]);
    expect(router.list().map((c) => c.id)).toEqual(['smpp', 'http', 'modem']);
    expect(router.pick('+79161234567')?.id).toBe('smpp');
  });

  it('fails over to the next carrier when the first goes down, and back when it returns', () => {
    const smpp = new FakeCarrier('smpp');
    const modem = new FakeCarrier('modem');
    const router = new CarrierRouter([smpp, modem]);
    expect(router.pick('+79161234567')?.id).toBe('smpp');
    smpp.set('down');
    expect(router.pick('+79161234567')?.id).toBe('modem');
    smpp.set('up');
    expect(router.pick('+79161234567')?.id).toBe('smpp');
  });

  it('returns nothing while no carrier is up or degraded', () => {
    const router = new CarrierRouter([new FakeCarrier('a', 'connecting'), new FakeCarrier('b', 'disabled')]);
    expect(router.pick('+79161234567')).toBeUndefined();
  });

  it('uses a degraded carrier only when no carrier is fully up', () => {
    const first = new FakeCarrier('first', 'degraded');
    const second = new FakeCarrier('second');
    const router = new CarrierRouter([first, second]);
    expect(router.pick('+79161234567')?.id).toBe('second');
    second.set('down');
    expect(router.pick('+79161234567')?.id).toBe('first');
  });

  it('skips carriers excluded for this attempt', () => {
    const router = new CarrierRouter([new FakeCarrier('a'), new FakeCarrier('b')]);
    expect(router.pick('+79161234567', { exclude: ['a'] })?.id).toBe('b');
  });

  it('prefers the carrier for the recipient operator, by prefix or range, over a higher priority', () => {
    const router = new CarrierRouter(
      [
        { carrier: new FakeCarrier('smpp'), priority: 1 },
        { carrier: new FakeCarrier('mts-modem'), priority: 2, operators: ['mts'] },
        { carrier: new FakeCarrier('beeline-modem'), priority: 3, operators: ['beeline'] },
      ],
      {
        operators: [
          { operator: 'mts', prefixes: ['+7916'] },
          { operator: 'beeline', ranges: [{ from: '+79030000000', to: '+79039999999' }] },
        ],
      },
    );
    expect(router.pick('+79161234567')?.id).toBe('mts-modem');
    expect(router.pick('+79031234567')?.id).toBe('beeline-modem');
    expect(router.pick('+79261234567')?.id).toBe('smpp'); // no operator known: priority alone
  });

  it('falls back from the operator carrier to priority order when it is down', () => {
    const mts = new FakeCarrier('mts-modem', 'down');
    const router = new CarrierRouter(
      [new FakeCarrier('smpp'), { carrier: mts, operators: ['mts'] }],
      { operators: [{ operator: 'mts', prefixes: ['+7916'] }] },
    );
    expect(router.pick('+79161234567')?.id).toBe('smpp');
  });

  it('lets a narrow range override a broad prefix (a block moved to another operator)', () => {
    const table = new OperatorTable([
      { operator: 'mts', prefixes: ['+7916'] },
      { operator: 'tele2', ranges: [{ from: '+79165000000', to: '+79165999999' }] },
    ]);
    expect(table.operatorOf('+79161234567')).toBe('mts');
    expect(table.operatorOf('+79165123456')).toBe('tele2');
    expect(table.operatorOf('+79991234567')).toBeUndefined();
  });

  it('refuses a range whose ends differ in length', () => {
    expect(() => new OperatorTable([{ operator: 'x', ranges: [{ from: '+7916', to: '+79169' }] }])).toThrow(/equal lengths/);
  });

  it('refuses two carriers with the same id', () => {
    expect(() => new CarrierRouter([new FakeCarrier('a'), new FakeCarrier('a')])).toThrow(/same id|share the id/);
  });

  it('tells listeners about each status change, with the previous state, once started through it', async () => {
    const a = new FakeCarrier('a', 'connecting');
    const router = new CarrierRouter([a]);
    const heard: Array<[string, string | undefined]> = [];
    const forwarded: string[] = [];
    const unsubscribe = router.onStatus((s, previous) => heard.push([s.state, previous]));
    await router.start({ ...sink, status: (s) => forwarded.push(s.state) });
    a.set('up');
    a.set('down');
    unsubscribe();
    a.set('up');
    expect(heard).toEqual([
      ['up', undefined],
      ['down', 'up'],
    ]);
    expect(forwarded).toEqual(['up', 'down', 'up']);
  });
});
