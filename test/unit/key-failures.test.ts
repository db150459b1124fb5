// The per-address limit on failed API-key sign-ins (auth/key-failures.ts), on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { KeyFailureLimit } from '../../main/station/auth/key-failures.js';
import type { AuditLog } from '../../main/station/store/audit.js';

function limit(rule = { failures: 3, windowMs: 60_000 }) {
  const lines: { action: string; target: string | null; detail: unknown }[] = [];
  const audit = { record: (_actor: unknown, action: string, target: string | null, detail?: unknown) => lines.push({ action, target, detail }) } as unknown as AuditLog;
  let now = 1_000_000;
  const l = new KeyFailureLimit(audit, rule, () => now);
  return { l, lines, tick: (ms: number) => (now += ms) };
}

describe('KeyFailureLimit', () => {
  it('lets an address fail its allowance, then answers the rest of the window with one audit line', () => {
    const { l, lines, tick } = limit();
    expect([l.failed('10.0.0.9', 'rest'), l.failed('10.0.0.9', 'rest'), l.failed('10.0.0.9', 'rest')]).toEqual([null, null, null]);
    expect(l.over('10.0.0.9')).toBe(true);
    expect(l.over('10.0.0.8')).toBe(false);
    tick(15_000);
    expect(l.failed('10.0.0.9', 'rest')).toBe(45);
    for (let i = 0; i < 1_000; i++) l.failed('10.0.0.9', 'soap');
    expect(lines).toEqual([
      { action: 'api.auth.limited', target: 'rest:10.0.0.9', detail: { failures: 3, windowSeconds: 60, until: new Date(1_000_000 + 60_000).toISOString() } },
    ]);
    // Another address has its own allowance.
    expect(l.failed('10.0.0.8', 'rest')).toBeNull();
  });

  it('starts a new window when the old one ends, and the next line says what the one before refused', () => {
    const { l, lines, tick } = limit();
    for (let i = 0; i < 10; i++) l.failed('::1', 'asmx');
    tick(60_000);
    expect(l.over('::1')).toBe(false);
    expect([l.failed('::1', 'asmx'), l.failed('::1', 'asmx'), l.failed('::1', 'asmx')]).toEqual([null, null, null]);
    expect(l.failed('::1', 'asmx')).toBe(60);
    expect(lines.map((x) => x.detail)).toEqual([
      expect.not.objectContaining({ refusedBefore: expect.anything() }),
      expect.objectContaining({ refusedBefore: 7 }),
    ]);
  });

  it('never holds more than 10,000 addresses: ended windows go first', () => {
    const { l, tick } = limit({ failures: 1, windowMs: 1_000 });
    for (let i = 0; i < 10_000; i++) l.failed(`a${i}`, 'rest');
    tick(1_000);
    l.failed('late', 'rest');
    expect(l.failed('late', 'rest')).toBe(1);
    expect(l.over('a1')).toBe(false);
  });
});
