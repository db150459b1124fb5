// How each modem family makes and ends voice calls, as data (the sources are in docs/modem.md,
// "Voice calls"). Two ways to learn that the far end answered:
// - `clcc`: dial with AT+COLP=0 (ATD answers OK as soon as dialling is done) and poll AT+CLCC
//   until the call is active (<stat> 0) or gone — 3GPP TS 27.007 §7.18, SIM800 manual §3.2.x;
// - otherwise dial with AT+COLP=1, so ATD's own final result says it: OK once connected, else
//   BUSY / NO ANSWER / NO CARRIER / NO DIALTONE (SIM800 Series AT Command Manual V1.09 §2.2.3).
// A call ends with the first hang-up command the modem accepts (ModemManager mm-call-at.c tries
// +CHLD=1x, then +CHUP; ATH is V.250's and what most modules document for voice).
import type { ProfileId } from './profiles.js';

export interface VoiceSettings {
  /** Poll AT+CLCC to see the call answered; otherwise rely on ATD with AT+COLP=1. */
  clcc: boolean;
  /** Hang-up commands, tried in order until one answers OK. */
  hangup: string[];
  /** How often AT+CLCC is asked while the phone rings. */
  pollMs: number;
}

const STANDARD: VoiceSettings = { clcc: true, hangup: ['ATH', 'AT+CHUP'], pollMs: 1_000 };

export const VOICE_SETTINGS: Record<ProfileId, VoiceSettings> = {
  // SIMCom and Quectel document AT+CLCC and ATH for voice (SIM800 manual §2.2.3, §3.2.x; Quectel
  // EC2x/M35 AT manuals "ATH Disconnect existing connection", "AT+CLCC List current calls").
  simcom: STANDARD,
  quectel: STANDARD,
  cinterion: STANDARD,
  wavecom: STANDARD,
  // Huawei sticks end voice with AT+CHUP first (ModemManager's generic fallback, used for them).
  huawei: { ...STANDARD, hangup: ['AT+CHUP', 'ATH'] },
  // ZTE sticks' voice firmware is inconsistent about +CLCC: rely on ATD's own result.
  zte: { ...STANDARD, clcc: false },
  generic: { ...STANDARD, clcc: false },
};

export function voiceSettingsFor(profile: ProfileId | null | undefined): VoiceSettings {
  return VOICE_SETTINGS[profile ?? 'generic'] ?? VOICE_SETTINGS.generic;
}

/** Final results that end a call attempt (V.250 §5.7.1), and what each means for the board. */
export const CALL_ENDS: Record<string, 'busy' | 'no-answer' | 'no-carrier'> = {
  BUSY: 'busy',
  'NO ANSWER': 'no-answer',
  'NO CARRIER': 'no-carrier',
  'NO DIALTONE': 'no-carrier',
};

/** `+CLCC: 1,0,3,0,0,"+79161234567",145` → the call's direction, state and number (27.007 §7.18). */
export function parseClcc(line: string): { id: number; outgoing: boolean; stat: number; voice: boolean; number: string | null } | null {
  const m = /^\+CLCC:\s*(\d+),(\d+),(\d+),(\d+),(\d+)(?:,"([^"]*)")?/.exec(line);
  if (!m) return null;
  return { id: Number(m[1]), outgoing: m[2] === '0', stat: Number(m[3]), voice: m[4] === '0', number: m[6] ?? null };
}

/** `+CLIP: "+79161234567",145,"",,"",0` → the caller's number, or null when withheld (27.007 §7.6). */
export function parseClip(line: string): string | null {
  const m = /^\+CLIP:\s*"([^"]*)"\s*,\s*(\d+)(?:,[^,]*,[^,]*(?:,"[^"]*")?(?:,(\d))?)?/.exec(line);
  if (!m) return null;
  const validity = m[3] === undefined ? 0 : Number(m[3]);
  if (validity !== 0 || m[1] === '') return null;
  // Type 145 is an international number: make sure it reads with its '+'.
  return m[2] === '145' && !m[1]!.startsWith('+') ? `+${m[1]}` : m[1]!;
}
