// Bringing a modem from "port open" to "ready for SMS": sync, echo off, numeric errors, SIM PIN,
// PDU mode, message storage and new-message indications; then who it is.
import type { AtSession } from './at-session.js';
import { fields } from './at-result.js';
import { AtCommandError } from './errors.js';

/** The SIM refuses to work until a person acts: PIN missing or wrong, PUK, no SIM. Not retried. */
export class SimLockError extends Error {
  override readonly name = 'SimLockError';
  constructor(message: string, readonly state: string) {
    super(message);
  }
}

export interface ModemIdentity {
  manufacturer: string | null;
  model: string | null;
  imei: string | null;
}

export interface StorageUse {
  used: number;
  total: number;
}

export interface SetupOptions {
  pin?: string;
  /** Whether the PIN may be sent: false after it was once rejected, so a wrong PIN never burns the SIM's tries. */
  pinAllowed: boolean;
  /** SIM storage first: 'SM'; modems without SIM storage for SMS work with 'ME'. */
  storage?: string;
}

export interface SetupResult {
  identity: ModemIdentity;
  storage: StorageUse | null;
  /** Status reports arrive as +CDS (true) or are stored and announced with +CDSI (false). */
  directReports: boolean;
  pinEntered: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `AT` until the modem answers OK: the first tries may meet a reboot or leftover bytes. */
async function sync(session: AtSession): Promise<void> {
  await session.escape();
  for (let attempt = 1; ; attempt++) {
    try {
      await session.run({ text: 'AT', timeoutMs: 1_500 });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
      await sleep(200);
    }
  }
}

/** Retries a command while the SIM is still starting up (+CMS 314 / +CME 14 "SIM busy"). */
async function whileSimBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const busy = e instanceof AtCommandError && ((e.family === 'cms' && e.code === 314) || (e.family === 'cme' && e.code === 14));
      if (!busy || attempt >= 10) throw e;
      await sleep(500);
    }
  }
}

export async function readPinState(session: AtSession): Promise<string> {
  try {
    const r = await session.run({ text: 'AT+CPIN?', prefix: '+CPIN' });
    return fields(r.lines[0] ?? '+CPIN: READY')[0] ?? 'READY';
  } catch (e) {
    if (e instanceof AtCommandError && e.family === 'cme' && e.code === 10) return 'NO SIM';
    throw e;
  }
}

async function unlockSim(session: AtSession, o: SetupOptions): Promise<boolean> {
  const state = await whileSimBusy(() => readPinState(session));
  if (state === 'READY') return false;
  if (state === 'NO SIM') throw new SimLockError('No SIM card in the modem: insert one and restart the modem.', state);
  if (state === 'SIM PUK' || state === 'SIM PUK2') {
    throw new SimLockError('The SIM is blocked (PUK required). Unblock it in a phone with the PUK; the station never tries PUKs.', state);
  }
  if (state !== 'SIM PIN') throw new SimLockError(`The SIM asks for ${state}; unlock it in a phone.`, state);
  if (!o.pin) throw new SimLockError('The SIM needs its PIN: enter it in the modem settings.', state);
  if (!o.pinAllowed) throw new SimLockError('The SIM rejected the PIN from the settings; correct it (it is not retried, to protect the SIM).', state);
  try {
    await session.run({ text: `AT+CPIN="${o.pin}"`, timeoutMs: 10_000 });
  } catch (e) {
    if (e instanceof AtCommandError && (e.family === 'cme' || e.family === 'plain')) {
      throw new SimLockError('The SIM rejected the PIN from the settings; correct it (it is not retried, to protect the SIM).', 'PIN REJECTED');
    }
    throw e;
  }
  return true;
}

export function parseStorage(line: string | undefined): StorageUse | null {
  if (!line) return null;
  const f = fields(line);
  // "+CPMS: "SM",3,30,..." (query) or "+CPMS: 3,30,..." (set)
  const nums = f.filter((x) => /^\d+$/.test(x)).map(Number);
  if (nums.length < 2) return null;
  return { used: nums[0]!, total: nums[1]! };
}

export async function readStorage(session: AtSession): Promise<StorageUse | null> {
  const r = await session.run({ text: 'AT+CPMS?', prefix: '+CPMS' });
  return parseStorage(r.lines[0]);
}

async function identity(session: AtSession): Promise<ModemIdentity> {
  const ask = async (text: string, prefix: string): Promise<string | null> => {
    try {
      // No prefix: most modems answer in free text, which a prefixed command would refuse.
      const r = await session.run({ text });
      const line = r.lines.find((l) => l.length > 0);
      // Some modems answer "+CGMI: Quectel", most just "Quectel".
      return line ? line.replace(new RegExp(`^\\${prefix}:\\s*`), '').replace(/^"|"$/g, '') : null;
    } catch {
      return null;
    }
  };
  return {
    manufacturer: await ask('AT+CGMI', '+CGMI'),
    model: await ask('AT+CGMM', '+CGMM'),
    imei: await ask('AT+CGSN', '+CGSN'),
  };
}

export async function setupModem(session: AtSession, o: SetupOptions): Promise<SetupResult> {
  await sync(session);
  await session.run({ text: 'ATE0' });
  await session.run({ text: 'AT+CMEE=1' });
  const pinEntered = await unlockSim(session, o);
  await whileSimBusy(() => session.run({ text: 'AT+CMGF=0' }));
  const mem = o.storage ?? 'SM';
  let storage: StorageUse | null;
  try {
    const r = await whileSimBusy(() => session.run({ text: `AT+CPMS="${mem}","${mem}","${mem}"`, prefix: '+CPMS' }));
    storage = parseStorage(r.lines[0]);
  } catch {
    // Some modems keep SMS in ME only; use what they have rather than fail.
    const r = await session.run({ text: 'AT+CPMS="ME","ME","ME"', prefix: '+CPMS' });
    storage = parseStorage(r.lines[0]);
  }
  // mt=1: store and announce (+CMTI), so an SMS survives until we delete it after commit.
  // ds=1: status reports straight to us (+CDS); modems that refuse it store them (+CDSI).
  let directReports = true;
  const cnmi = ['AT+CNMI=2,1,0,1,0', 'AT+CNMI=1,1,0,1,0', 'AT+CNMI=2,1,0,2,0'];
  for (let i = 0; ; i++) {
    try {
      await session.run({ text: cnmi[i]! });
      directReports = i < 2;
      break;
    } catch (e) {
      if (i === cnmi.length - 1) throw e;
    }
  }
  return { identity: await identity(session), storage, directReports, pinEntered };
}
