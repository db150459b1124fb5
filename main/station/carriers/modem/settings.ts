// Choosing SMS settings from what the modem says it supports (pure: the answers in, the commands
// out). The modem's own test answers win over any assumption: Cinterion offers <bfr> 1 only,
// Wavecom two storage parameters, Qualcomm-based sticks no <ds>=1, a ZTE stick UCS2.
import { testLists } from './at-result.js';
import { quoted, type Charset } from './charset.js';
import type { ModemProfile } from './profiles.js';

/** What the modem answered to the test and read commands (null: no usable answer). */
export interface ModemAnswers {
  /** AT+CNMI=? as lists: mode, mt, bm, ds, bfr. */
  cnmi: number[][] | null;
  /** AT+CPMS=? as lists: mem1, mem2, mem3 (one, two or three). */
  cpms: string[][] | null;
  /** AT+CSCS=? */
  charsets: string[] | null;
  /** AT+CSCS? */
  charset: Charset | null;
  /** AT+CSMS? service (0: phase 2, 1: phase 2+ with +CNMA) and AT+CSMS=? services. */
  service: number | null;
  services: number[] | null;
}

export interface SmsSettings {
  /** AT+CSCS to send (in the current charset), or null to leave the charset as it is. */
  charsetCommand: string | null;
  /** The charset string parameters are in once the command (if any) worked. */
  charset: Charset | null;
  /** The AT+CPMS command: as many memories as the modem has parameters for. */
  cpms: string;
  /** Memory read and listed by default (mem1). */
  readMemory: string;
  /** Storages worth listing for stray SMS and reports (mem1 choices the modem offers). */
  memories: string[];
  /** AT+CSMS to send, or null. */
  csmsCommand: string | null;
  /** +CMT/+CDS need AT+CNMA after commit (CSMS service 1). */
  acknowledge: boolean;
  /** AT+CNMI commands to try in order (the chosen one first, then the profile's fallbacks). */
  cnmi: string[];
}

/** Parses a test-command answer into number lists; null when it is not one. */
export function numberLists(line: string | undefined): number[][] | null {
  if (!line) return null;
  const lists = testLists(line).map((l) => l.map(Number).filter((n) => Number.isInteger(n)));
  return lists.length > 0 && lists.some((l) => l.length > 0) ? lists : null;
}

export function memoryLists(line: string | undefined): string[][] | null {
  if (!line) return null;
  const lists = testLists(line).map((l) => l.map((m) => m.toUpperCase()));
  return lists.length > 0 && lists[0]!.length > 0 ? lists : null;
}

const pick = (offered: number[] | undefined, preferred: number[]): number | undefined =>
  offered === undefined ? undefined : preferred.find((v) => offered.includes(v)) ?? offered[0];

/**
 * AT+CNMI from its test answer: mode 2 (buffer while busy), mt 1 (store and announce: an SMS
 * survives until we delete it after commit; 2 means +CMT, acknowledged after commit), bm 0,
 * ds 1 (+CDS) or else 2 (stored, +CDSI), bfr 0 (flush what was buffered) or what is offered.
 */
export function chooseCnmi(lists: number[][] | null): string | null {
  if (!lists || lists.length < 2) return null;
  const prefs = [[2, 1, 3], [1, 2, 3], [0], [1, 2, 0], [0, 1]];
  const values: number[] = [];
  for (let i = 0; i < Math.min(lists.length, 5); i++) {
    const v = pick(lists[i], prefs[i]!);
    if (v === undefined) break;
    values.push(v);
  }
  return `AT+CNMI=${values.join(',')}`;
}

/** The values of an AT+CNMI command or answer: 'AT+CNMI=2,1,0,1,0' → [2,1,0,1,0]. */
export function cnmiValues(text: string): number[] {
  const rest = text.replace(/^(AT)?\+CNMI[=:]?\s*/i, '');
  return rest.split(',').map((x) => Number(x.trim())).filter((n) => Number.isInteger(n));
}

function chooseMemory(offered: string[] | undefined, preferred: string[]): string | undefined {
  if (!offered || offered.length === 0) return undefined;
  return preferred.find((m) => offered.includes(m)) ?? offered[0];
}

/** The charset to move to (the command is written in the current one), or null to stay. */
export function chooseCharset(current: Charset | null, offered: string[] | null, profile: ModemProfile): { command: string; charset: Charset } | null {
  const wanted = profile.charsets.find((c) => offered?.includes(c));
  if (!wanted || wanted === (current ?? '').toUpperCase()) return null;
  return { command: `AT+CSCS=${quoted(current, wanted)}`, charset: wanted };
}

export function chooseSettings(answers: ModemAnswers, profile: ModemProfile, o: { storage?: string } = {}): SmsSettings {
  // Charset first: every string parameter after it depends on it.
  const move = chooseCharset(answers.charset, answers.charsets, profile);
  const charset = move ? move.charset : answers.charset;
  const charsetCommand = move ? move.command : null;

  const preferred = [...new Set([o.storage?.toUpperCase(), 'SM', 'ME', 'MT'].filter((m): m is string => !!m))];
  const lists = answers.cpms;
  let mems: string[];
  if (lists) {
    const mem1 = chooseMemory(lists[0], preferred)!;
    mems = [mem1];
    if (lists[1]) mems.push(lists[1].includes(mem1) ? mem1 : chooseMemory(lists[1], preferred)!);
    if (lists[2]) mems.push(lists[2].includes(mem1) ? mem1 : chooseMemory(lists[2], preferred)!);
  } else {
    const m = preferred[0]!;
    mems = [m, m, m];
  }
  const readMemory = mems[0]!;
  const listable = (lists?.[0] ?? [readMemory]).filter((m) => m === readMemory || m === 'SM' || m === 'ME' || m === 'SR');
  // MT is SM and ME together under other numbers: listing it beside them would read SMS twice.
  const memories = readMemory === 'MT' ? ['MT', ...listable.filter((m) => m === 'SR')] : [...new Set([readMemory, ...listable.filter((m) => m !== 'MT')])];

  const cnmi = chooseCnmi(answers.cnmi);
  const mt = cnmi ? cnmiValues(cnmi)[1] : 1;
  // Direct delivery (+CMT) is safe only when we acknowledge after commit: ask for phase 2+.
  let csmsCommand: string | null = null;
  let service = answers.service;
  if (mt !== undefined && mt >= 2 && service !== 1 && answers.services?.includes(1)) {
    csmsCommand = 'AT+CSMS=1';
    service = 1;
  }

  return {
    charsetCommand,
    charset,
    cpms: `AT+CPMS=${mems.map((m) => quoted(charset, m)).join(',')}`,
    readMemory,
    memories,
    csmsCommand,
    acknowledge: service === 1,
    cnmi: [...new Set([...(cnmi ? [cnmi] : []), ...profile.cnmiFallbacks])],
  };
}
