// Signal, operator and registration, for the board (27.007 §7.2, §7.3, §8.5).
import type { AtRunner } from './at-session.js';
import { fields } from './at-result.js';
import { decodeText, type Charset } from './charset.js';

export type Registration = 'home' | 'roaming' | 'searching' | 'denied' | 'not-registered' | 'unknown';

export interface ModemHealth {
  /** 0–100, null when the modem does not know. */
  signal: number | null;
  operator: string | null;
  registration: Registration;
}

/** +CSQ rssi 0..31 (−113..−51 dBm) to percent; 99 = not known. */
export function signalPercent(rssi: number): number | null {
  if (!Number.isFinite(rssi) || rssi === 99 || rssi < 0) return null;
  return Math.round((Math.min(rssi, 31) / 31) * 100);
}

export function registrationOf(stat: number): Registration {
  switch (stat) {
    case 1: return 'home';
    case 5: return 'roaming';
    case 2: return 'searching';
    case 3: return 'denied';
    case 0: return 'not-registered';
    default: return 'unknown';
  }
}

/** +CREG: <n>,<stat> as an answer, +CREG: <stat> as a URC. */
export function parseCreg(line: string, solicited: boolean): Registration {
  const f = fields(line);
  const stat = Number(solicited && f.length >= 2 ? f[1] : f[0]);
  return registrationOf(stat);
}

/**
 * @param charset the TE charset the operator name comes in (a stick left in UCS2 sends hex)
 * @param timeoutMs per read command: they answer in well under a second; seconds mean a hang
 */
export async function readHealth(session: AtRunner, charset: Charset | null = null, timeoutMs = 3_000): Promise<ModemHealth> {
  const csq = await session.run({ text: 'AT+CSQ', prefix: '+CSQ', timeoutMs });
  const signal = signalPercent(Number(fields(csq.lines[0] ?? '')[0]));
  let operator: string | null = null;
  try {
    const cops = await session.run({ text: 'AT+COPS?', prefix: '+COPS', timeoutMs: timeoutMs * 2 });
    const name = fields(cops.lines[0] ?? '')[2];
    operator = name ? decodeText(charset, name) : null;
  } catch {
    operator = null;
  }
  const creg = await session.run({ text: 'AT+CREG?', prefix: '+CREG', timeoutMs });
  return { signal, operator, registration: parseCreg(creg.lines[0] ?? '', true) };
}
