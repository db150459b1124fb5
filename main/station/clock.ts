// Time as the station's timers see it. Escalations wait minutes; tests inject a fake clock and
// move it forward instead of waiting.
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    // Node timers overflow past ~24.8 days; nothing here waits that long, but clamp anyway.
    const t = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    return () => clearTimeout(t);
  },
};
