// Calls Gammu (python3-gammu, Debian) through test/tools/gammu-pdu.py: the independent PDU
// implementation our codec is checked against.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./gammu-pdu.py', import.meta.url));
/** Debian's python, where python3-gammu is installed (not a venv python first on PATH). */
const PYTHON = process.env.GAMMU_PYTHON ?? '/usr/bin/python3';

export interface GammuSms {
  type: string;
  number: string;
  text: string;
  coding: string;
  udhType: string;
  id8: number;
  id16: number;
  part: number;
  parts: number;
  mr: number;
  deliveryStatus: number;
  dateTime: string | null;
  error?: string;
}

function call(req: unknown): unknown {
  return JSON.parse(execFileSync(PYTHON, [script], { input: JSON.stringify(req) }).toString('utf8'));
}

export function gammuDecode(pdus: string[]): GammuSms[] {
  // gammu-pdu.py cuts Gammu's text at the first NUL (see the note there).
  return call({ decode: pdus }) as GammuSms[];
}

export function gammuEncode(o: { text: string; number: string; layout?: 'Submit' | 'Deliver'; unicode?: boolean; ref16?: boolean }): string[] {
  return call({ encode: o }) as string[];
}
