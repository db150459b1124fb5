// Who listens to which unsolicited result code. The SMS inbox registers +CMTI/+CMT/+CDS…, the
// connection registers the vendor's boot and noise lines from its profile, voice calls register
// RING/+CLIP. A line is a URC when some registration (or the 27.005/27.007 standard set) names it.
import { STANDARD_URCS, TWO_LINE_URCS, urcMatches } from './at-result.js';

export interface Urc {
  /** The registered prefix the line matched: '+CMTI', 'RING', '^RSSI', 'SMS Ready'. */
  name: string;
  line: string;
  /** The PDU line of a two-line URC (+CMT, +CDS). */
  body?: string;
}

export type UrcHandler = (urc: Urc) => void;

interface Registration {
  prefix: string;
  body: boolean;
  handler: UrcHandler;
}

export class UrcRegistry {
  private readonly registrations: Registration[] = [];

  /**
   * Calls `handler` for every line that is the URC `prefix` (`'+CLIP'` matches `+CLIP: "+7…",145`;
   * `'+CFUN: 1'` matches that line only). `body`: the next line belongs to it (a PDU).
   * Returns the way to stop listening.
   */
  on(prefix: string, handler: UrcHandler, o: { body?: boolean } = {}): () => void {
    const r: Registration = { prefix, body: o.body ?? TWO_LINE_URCS.includes(prefix), handler };
    this.registrations.push(r);
    return () => {
      const i = this.registrations.indexOf(r);
      if (i >= 0) this.registrations.splice(i, 1);
    };
  }

  /** The URC this line is, by the longest matching prefix; null when nobody knows it. */
  match(line: string): { name: string; body: boolean } | null {
    let best: Registration | null = null;
    for (const r of this.registrations) {
      if (urcMatches(line, r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
    }
    if (best) return { name: best.prefix, body: best.body };
    for (const u of STANDARD_URCS) if (urcMatches(line, u)) return { name: u, body: TWO_LINE_URCS.includes(u) };
    return null;
  }

  /** Hands the URC to every handler whose prefix matches the line; a throwing handler harms no other. */
  dispatch(urc: Urc, onError: (e: unknown) => void): void {
    for (const r of [...this.registrations]) {
      if (!urcMatches(urc.line, r.prefix)) continue;
      try {
        r.handler({ ...urc, name: r.prefix });
      } catch (e) {
        onError(e);
      }
    }
  }
}
