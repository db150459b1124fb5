import { describe, expect, it } from 'vitest';
import { SentToday } from '../../main/station/carriers/sent-today.js';

describe('SentToday', () => {
  it('counts the SMS of the local day and starts again at midnight', () => {
    const s = new SentToday();
    const at = (d: number, h: number, m = 0) => new Date(2026, 11, d, h, m);
    expect(s.count(at(4, 9))).toBe(0);
    s.add(at(4, 9));
    s.add(at(4, 23, 59));
    expect(s.count(at(4, 23, 59))).toBe(2);
    // A new day reads zero before anything is sent on it.
    expect(s.count(at(5, 0, 0))).toBe(0);
    s.add(at(5, 0, 1));
    expect(s.count(at(5, 12))).toBe(1);
    // The clock set back a day: that day's count is not this one's.
    expect(s.count(at(4, 12))).toBe(0);
  });
});
