import { describe, expect, it } from 'vitest';
import type { CarrierState, CarrierStatus } from '../../shared/protocol/index.js';
import { emptyStatus, type Carrier } from '../../main/station/carriers/carrier.js';
import { CarrierRouter } from '../../main/station/carriers/router.js';

const carrier = (id: string, state: CarrierState = 'up'): Carrier & { set(s: CarrierState): void } => {
  let current: CarrierStatus = { ...emptyStatus(id, 'simulator', id), state };
  return {
    id,
    kind: 'simulator',
    async start() {},
    async stop() {},
    status: () => current,
    set: (s) => (current = { ...current, state: s }),
    async send() {
      return { refs: [`${id}-1`] };
    },
  };
};

describe('a plan\u2019s preferred carrier', () => {
  it('is tried first for that message only, and failed over like any other when it is down', () => {
    const smpp = carrier('smpp');
    const modem = carrier('modem');
    const router = new CarrierRouter([smpp, modem]);
    router.prefer(7, 'modem');
    expect(router.candidates('+79161234567', { messageId: 7 }).map((c) => c.id)).toEqual(['modem', 'smpp']);
    expect(router.pick('+79161234567', { messageId: 8 })?.id).toBe('smpp');
    modem.set('down');
    expect(router.pick('+79161234567', { messageId: 7 })?.id).toBe('smpp');
    router.prefer(9, 'no-such-carrier');
    expect(router.pick('+79161234567', { messageId: 9 })?.id).toBe('smpp');
  });
});
