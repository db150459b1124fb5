// What a command is and what comes back: the shapes every user of the AT session (SMS, health,
// voice calls) speaks in.
import type { AtCommandError } from './errors.js';

export interface AtCommand {
  text: string;
  timeoutMs?: number;
  /** Information lines of this command start with it (e.g. '+CSQ'); other +/^ lines are URCs. */
  prefix?: string;
  /** For AT+CMGS: the PDU to write after the `> ` prompt. */
  pdu?: string;
  /** Each prefixed line is followed by one PDU line that belongs to it (+CMGL, +CMGR). */
  pduBodies?: boolean;
  /** Every line that is not a final result or a known URC is this command's (ATI prints +GCAP: …). */
  takeAll?: boolean;
  /** Goes before everything queued (an acknowledgement with a network deadline: AT+CNMA). */
  urgent?: boolean;
  /** Told once what became of this command if it timed out: its late answer, or that none will come. */
  onLate?(late: LateOutcome): void;
}

export type LateOutcome =
  | { kind: 'answered'; lines: string[] }
  | { kind: 'refused'; error: AtCommandError }
  | { kind: 'lost' };

export interface AtResponse {
  lines: string[];
}

/** Runs commands; inside `exclusive` only the holder's commands reach the modem. */
export interface AtRunner {
  run(command: AtCommand): Promise<AtResponse>;
}
