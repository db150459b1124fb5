import { describe, expect, it } from 'vitest';
import { Reassembler, MISSING_PART_MARK } from '../../main/station/carriers/modem/reassembly.js';

const part = (seq: number, text: string, ref = 5, refBits: 8 | 16 = 8, total = 3) => ({
  from: '+79001112233', text, sentAt: 1000 + seq, concat: { ref, refBits, total, seq }, handle: seq,
});

describe('reassembly of long inbound SMS', () => {
  it('joins parts arriving out of order once the last one comes', () => {
    const r = new Reassembler<number>(60_000);
    expect(r.add(part(3, 'c'), 0)).toBeNull();
    expect(r.add(part(1, 'a'), 0)).toBeNull();
    expect(r.add(part(2, 'b'), 0)).toMatchObject({ text: 'abc', handles: [1, 2, 3], missing: 0, sentAt: 1001 });
    expect(r.size).toBe(0);
  });

  it('keeps 8- and 16-bit references with the same number apart', () => {
    const r = new Reassembler<number>(60_000);
    r.add(part(1, 'a', 7, 8, 2), 0);
    r.add(part(1, 'X', 7, 16, 2), 0);
    expect(r.add(part(2, 'b', 7, 8, 2), 0)).toMatchObject({ text: 'ab' });
    expect(r.add(part(2, 'Y', 7, 16, 2), 0)).toMatchObject({ text: 'XY' });
  });

  it('gives up waiting after the timeout and marks the gap', () => {
    const r = new Reassembler<number>(1_000);
    r.add(part(1, 'a'), 0);
    r.add(part(3, 'c'), 0);
    expect(r.expire(999)).toEqual([]);
    expect(r.expire(1_000)).toEqual([expect.objectContaining({ text: `a${MISSING_PART_MARK}c`, missing: 1, handles: [1, 3] })]);
  });

  it('counts a part read twice once, keeping both storage slots to delete', () => {
    const r = new Reassembler<number>(1_000);
    r.add(part(1, 'a', 9, 8, 2), 0);
    r.add({ ...part(1, 'a', 9, 8, 2), handle: 11 }, 0);
    expect(r.add(part(2, 'b', 9, 8, 2), 0)).toMatchObject({ text: 'ab', handles: [1, 11, 2] });
  });
});
