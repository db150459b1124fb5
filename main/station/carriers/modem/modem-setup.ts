// Bringing a modem from "port open" to "ready for SMS": probe, then configure. Sync, echo off,
// numeric errors; identify (ATI, AT+CGMI, AT+CGMM, AT+CGMR) and pick the vendor profile; SIM PIN;
// ask what it supports (AT+CSCS=?, AT+CPMS=?, AT+CSMS?, AT+CNMI=?) and choose from the answers.
//
// Boot states are states: `+CPIN: NOT READY`, SIM busy (+CME 14, +CMS 314), "not allowed now"
// (+CMS 302 before `SMS Ready`), "please wait" (+CME 515) and, in the first seconds after power-up,
// even "SIM not inserted" (+CME 10, Quectel) mean the modem is starting: it is retried every half
// second and shown as starting. Only SIM PIN/PUK (or a SIM still missing after the boot grace)
// stop it for a person to act.
import type { AtRunner, AtSession } from './at-session.js';
import { fields } from './at-result.js';
import { decodeText, quoted, type Charset } from './charset.js';
import { AtCommandError } from './errors.js';
import { profileFor, type ModemProfile } from './profiles.js';
import { chooseCharset, chooseSettings, memoryLists, numberLists, type ModemAnswers, type SmsSettings } from './settings.js';

/** The SIM refuses to work until a person acts: PIN missing or wrong, PUK, no SIM. */
export class SimLockError extends Error {
  override readonly name = 'SimLockError';
  constructor(message: string, readonly state: string) {
    super(message);
  }
}

/** Still starting when the boot grace ran out: tried again shortly, shown as a fault in words. */
export class ModemStartingError extends Error {
  override readonly name = 'ModemStartingError';
}

export interface ModemIdentity {
  manufacturer: string | null;
  model: string | null;
  revision: string | null;
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
  /** Preferred SMS storage ('SM' unless configured). */
  storage?: string;
  /** Epoch ms the modem is known to have started booting (port opened, reboot URC seen). */
  bootStartedAt: number;
  /** How long boot states are waited for before they count as faults. */
  bootGraceMs?: number;
  /** A profile chosen in the settings instead of by identity. */
  profile?: ModemProfile;
  /** The modem is starting; the sentence says what it waits for. */
  starting(detail: string): void;
  /** The profile is known (before the SIM is asked): its quirks apply from here on. */
  identified?(profile: ModemProfile): void;
}

export interface SetupResult {
  identity: ModemIdentity;
  profile: ModemProfile;
  settings: SmsSettings;
  /** The AT+CNMI the modem accepted. */
  cnmi: string;
  storage: StorageUse | null;
  pinEntered: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRY_MS = 500;

/** What a failure says about the boot: a sentence when it means "still starting", else null. */
function startingReason(e: unknown): string | null {
  if (!(e instanceof AtCommandError)) return null;
  if (e.family === 'cms' && (e.code === 302 || e.code === 314 || e.code === 310 || e.code === 320 || e.code === 512)) return `the SMS service is not ready yet (+CMS ERROR ${e.code})`;
  if (e.family === 'cme' && (e.code === 14 || e.code === 10 || e.code === 13 || e.code === 3 || e.code === 515)) return `the SIM is not ready yet (+CME ERROR ${e.code})`;
  if (e.family === 'cme' && /not ready|busy|wait/i.test(e.text)) return `the SIM is not ready yet (${e.text})`;
  return null;
}

class Boot {
  /** The SMS service has answered (AT+CPMS=? and AT+CNMI=?): a +CMS 302 now is a refusal, not a boot state. */
  smsUp = false;

  constructor(private readonly o: SetupOptions) {}

  get deadline(): number {
    return this.o.bootStartedAt + (this.o.bootGraceMs ?? 30_000);
  }

  /** Runs `fn` again while the modem says it is starting, within the boot grace. */
  async retry<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        const why = startingReason(e);
        const refused = this.smsUp && e instanceof AtCommandError && e.family === 'cms' && e.code === 302;
        if (!why || refused || Date.now() >= this.deadline) throw e;
        this.o.starting(`The modem is starting up: ${why}. Retrying…`);
        await sleep(RETRY_MS);
      }
    }
  }
}

/** Sends `AT` until the modem answers: the first tries may meet a boot, a reboot or leftovers. */
async function sync(session: AtSession, boot: Boot): Promise<void> {
  await session.escape();
  for (let attempt = 1; ; attempt++) {
    try {
      await session.run({ text: 'AT', timeoutMs: 600 });
      return;
    } catch (e) {
      if (attempt >= 4 && Date.now() >= boot.deadline) throw e;
      if (attempt >= 20) throw e;
      await sleep(200);
    }
  }
}

/** `AT^CURC=0` → '^CURC', `AT+CPMS?` → '+CPMS': the lines its answer starts with. */
function prefixOf(command: string): { prefix?: string } {
  const m = /^AT([+^][A-Z0-9]+)/i.exec(command);
  return m ? { prefix: m[1]!.toUpperCase() } : {};
}

async function optional(session: AtRunner, text: string, prefix?: string, o: { takeAll?: boolean } = {}): Promise<string[] | null> {
  try {
    return (await session.run({ text, ...(prefix ? { prefix } : {}), ...o })).lines;
  } catch {
    return null;
  }
}

async function identify(session: AtSession): Promise<{ identity: ModemIdentity; ati: string[] }> {
  const answer = async (text: string, prefix: string): Promise<string | null> => {
    // No prefix: most modems answer in free text, which a prefixed command would refuse.
    const lines = await optional(session, text);
    const line = lines?.find((l) => l.length > 0);
    // Some modems answer "+CGMI: Quectel", most just "Quectel".
    return line ? line.replace(new RegExp(`^\\${prefix}:\\s*`), '').replace(/^"|"$/g, '').trim() : null;
  };
  const ati = (await optional(session, 'ATI', undefined, { takeAll: true })) ?? [];
  return {
    ati,
    identity: {
      manufacturer: await answer('AT+CGMI', '+CGMI'),
      model: await answer('AT+CGMM', '+CGMM'),
      revision: await answer('AT+CGMR', '+CGMR'),
      imei: await answer('AT+CGSN', '+CGSN'),
    },
  };
}

export async function readPinState(session: AtRunner): Promise<string> {
  try {
    const r = await session.run({ text: 'AT+CPIN?', prefix: '+CPIN' });
    return fields(r.lines[0] ?? '+CPIN: READY')[0] ?? 'READY';
  } catch (e) {
    // A modem that never ends +CPIN? (an unknown Wavecom): the answer came before the timeout.
    const line = e instanceof AtCommandError && e.family === 'timeout' ? e.lines.find((l) => l.startsWith('+CPIN')) : undefined;
    if (line) return fields(line)[0] ?? 'READY';
    throw e;
  }
}

async function unlockSim(session: AtSession, o: SetupOptions, boot: Boot, charset: Charset | null): Promise<boolean> {
  for (;;) {
    let state: string;
    try {
      state = await readPinState(session);
    } catch (e) {
      const why = startingReason(e);
      if (!why) throw e;
      if (Date.now() < boot.deadline) {
        o.starting(`The modem is starting up: ${why}. Retrying…`);
        await sleep(RETRY_MS);
        continue;
      }
      if (e instanceof AtCommandError && e.family === 'cme' && e.code === 10) throw new SimLockError('No SIM card in the modem: insert one (the station keeps looking).', 'NO SIM');
      throw new ModemStartingError(`The SIM did not become ready (${why}).`);
    }
    if (state === 'READY') return false;
    if (/NOT READY|BUSY/i.test(state)) {
      if (Date.now() >= boot.deadline) throw new ModemStartingError(`The SIM did not become ready (+CPIN: ${state}).`);
      o.starting(`The modem is starting up: the SIM is not ready yet (+CPIN: ${state}). Retrying…`);
      await sleep(RETRY_MS);
      continue;
    }
    if (state === 'SIM PUK' || state === 'SIM PUK2') {
      throw new SimLockError('The SIM is blocked (PUK required). Unblock it in a phone with the PUK; the station never tries PUKs.', state);
    }
    if (state !== 'SIM PIN') throw new SimLockError(`The SIM asks for ${state}; unlock it in a phone.`, state);
    if (!o.pin) throw new SimLockError('The SIM needs its PIN: enter it in the modem settings.', state);
    if (!o.pinAllowed) throw new SimLockError('The SIM rejected the PIN from the settings; correct it (it is not retried, to protect the SIM).', state);
    try {
      await session.run({ text: `AT+CPIN=${quoted(charset, o.pin)}`, timeoutMs: 10_000 });
    } catch (e) {
      if (e instanceof AtCommandError && (e.family === 'cme' || e.family === 'plain')) {
        throw new SimLockError('The SIM rejected the PIN from the settings; correct it (it is not retried, to protect the SIM).', 'PIN REJECTED');
      }
      throw e;
    }
    return true;
  }
}

export function parseStorage(line: string | undefined): StorageUse | null {
  if (!line) return null;
  const f = fields(line);
  // "+CPMS: "SM",3,30,..." (query) or "+CPMS: 3,30,..." (set)
  const nums = f.filter((x) => /^\d+$/.test(x)).map(Number);
  if (nums.length < 2) return null;
  return { used: nums[0]!, total: nums[1]! };
}

const first = (lines: string[] | null) => lines?.find((l) => l.length > 0);

async function currentCharset(session: AtSession, previous: Charset | null): Promise<Charset | null> {
  const cscs = first(await optional(session, 'AT+CSCS?', '+CSCS'));
  const name = cscs ? fields(cscs)[0] ?? '' : '';
  if (!name) return null;
  // Most modems name their charset in plain letters even in UCS2; some spell it in UCS2 hex.
  const plain = decodeText(previous, name);
  return (/^[0-9A-F]{8,}$/i.test(plain) ? decodeText('UCS2', plain) : plain).toUpperCase();
}

/**
 * Moves the modem to the profile's charset when it offers one (the command itself written in the
 * charset it is in); returns the charset string parameters are in from now on.
 */
async function settleCharset(session: AtSession, profile: ModemProfile): Promise<{ charset: Charset | null; offered: string[] | null }> {
  const charset = await currentCharset(session, null);
  const offered = memoryLists(first(await optional(session, 'AT+CSCS=?', '+CSCS')))?.flat() ?? null;
  const move = chooseCharset(charset, offered, profile);
  if (!move) return { charset, offered };
  if ((await optional(session, move.command)) === null) return { charset, offered };
  return { charset: (await currentCharset(session, charset)) ?? move.charset, offered };
}

async function askCapabilities(session: AtSession, boot: Boot, charset: Charset | null): Promise<ModemAnswers> {
  // The storage and indication answers may need the SMS service up: wait for it.
  const cpms = await boot.retry(() => session.run({ text: 'AT+CPMS=?', prefix: '+CPMS' })).then((r) => r.lines[0], () => undefined);
  const csms = first(await optional(session, 'AT+CSMS?', '+CSMS'));
  const csmsTest = first(await optional(session, 'AT+CSMS=?', '+CSMS'));
  const cnmi = await boot.retry(() => session.run({ text: 'AT+CNMI=?', prefix: '+CNMI' })).then((r) => r.lines[0], () => undefined);
  boot.smsUp = cpms !== undefined || cnmi !== undefined;
  const service = csms ? Number(fields(csms)[0]) : NaN;
  return {
    charset,
    // Settled already (before the SIM PIN, a string parameter too).
    charsets: null,
    cpms: memoryLists(cpms && charset ? decodeMemories(cpms, charset) : cpms),
    cnmi: numberLists(cnmi),
    service: Number.isInteger(service) ? service : null,
    services: numberLists(csmsTest)?.flat() ?? null,
  };
}

export async function setupModem(session: AtSession, o: SetupOptions): Promise<SetupResult> {
  const boot = new Boot(o);
  // Echo is whatever the modem says until ATE0 has worked (a restarted modem echoes again).
  session.echoOff = false;
  await sync(session, boot);
  await session.run({ text: 'ATE0' });
  session.echoOff = true;
  await optional(session, 'AT+CMEE=1');
  const { identity, ati } = await identify(session);
  const profile = o.profile ?? profileFor({ ...identity, ati });
  session.configure({ infoEndsCommand: profile.infoEndsCommand });
  o.identified?.(profile);
  for (const c of profile.quietCommands) await optional(session, c, prefixOf(c).prefix);

  const { charset } = await settleCharset(session, profile);
  const pinEntered = await unlockSim(session, o, boot, charset);
  for (const c of profile.afterUnlockCommands) await boot.retry(() => session.run({ text: c, ...prefixOf(c) })).catch(() => undefined);
  await boot.retry(() => session.run({ text: 'AT+CMGF=0' }));
  const answers = await askCapabilities(session, boot, charset);
  let settings = chooseSettings(answers, profile, o.storage ? { storage: o.storage } : {});

  const storage = await selectStorage(session, settings, boot, charset);
  if (settings.csmsCommand && (await optional(session, settings.csmsCommand)) === null) {
    settings = { ...settings, acknowledge: answers.service === 1 };
  }
  const cnmi = await setIndications(session, settings, boot);
  return { identity, profile, settings, cnmi, storage, pinEntered };
}

async function selectStorage(session: AtSession, settings: SmsSettings, boot: Boot, charset: Charset | null): Promise<StorageUse | null> {
  try {
    const r = await boot.retry(() => session.run({ text: settings.cpms, prefix: '+CPMS' }));
    return parseStorage(r.lines[0]);
  } catch (e) {
    if (!(e instanceof AtCommandError) || e.family === 'timeout' || e.family === 'closed') throw e;
    // The modem did not answer AT+CPMS=? usefully and refused the guess: fewer parameters, then ME.
    const sm = quoted(charset, 'SM');
    const me = quoted(charset, 'ME');
    for (const c of [`AT+CPMS=${sm},${sm}`, `AT+CPMS=${sm}`, `AT+CPMS=${me},${me},${me}`, `AT+CPMS=${me}`]) {
      const lines = await optional(session, c, '+CPMS');
      if (lines) return parseStorage(lines[0]);
    }
    throw e;
  }
}

async function setIndications(session: AtSession, settings: SmsSettings, boot: Boot): Promise<string> {
  let last: unknown = null;
  for (const command of settings.cnmi) {
    try {
      await boot.retry(() => session.run({ text: command }));
      return command;
    } catch (e) {
      if (e instanceof AtCommandError && (e.family === 'timeout' || e.family === 'closed')) throw e;
      last = e;
    }
  }
  throw last ?? new Error('no AT+CNMI setting was accepted');
}

/** `+CPMS: ("0053004D","004D0045")` from a modem in UCS2, as memory names. */
function decodeMemories(line: string, charset: Charset): string {
  return line.replace(/"([0-9A-Fa-f]+)"/g, (_, hex: string) => `"${decodeText(charset, hex)}"`);
}

export async function readStorage(session: AtRunner): Promise<StorageUse | null> {
  const r = await session.run({ text: 'AT+CPMS?', prefix: '+CPMS' });
  return parseStorage(r.lines[0]);
}
