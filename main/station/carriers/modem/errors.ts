// +CMS ERROR (27.005 §3.2.5) and +CME ERROR (27.007 §9.2) codes as CarrierErrors: transient
// ones are retried by the outbox (with its limit), permanent ones fail the message with a reason
// the dispatcher can act on. Unknown codes count as transient: a retry costs little, a message
// failed for a modem's quirk costs an alert.
import { CarrierError } from '../carrier.js';

type Entry = [transient: boolean, reason: string];

const CMS: Record<number, Entry> = {
  1: [false, 'The number is not assigned; check the phone number'],
  8: [false, 'The operator barred this number'],
  10: [false, 'Calls/SMS to this number are barred'],
  21: [false, 'The network rejected the SMS'],
  27: [true, 'The recipient is out of service'],
  28: [false, 'The recipient is unknown to the network'],
  29: [false, 'The network refused the request (facility rejected)'],
  30: [false, 'The recipient is unknown to the network'],
  38: [true, 'The network is out of order'],
  41: [true, 'Temporary network failure'],
  42: [true, 'The network is congested'],
  47: [true, 'Network resources are unavailable'],
  50: [false, 'The SIM has no SMS service subscribed'],
  69: [false, 'The network does not support this kind of SMS'],
  81: [true, 'Invalid message reference'],
  95: [false, 'The network called the message invalid'],
  96: [false, 'The message is missing information the network needs'],
  111: [true, 'Network protocol error'],
  127: [true, 'Network interworking error'],
  300: [true, 'The modem failed'],
  301: [true, 'The modem\'s SMS service is busy'],
  302: [true, 'The modem refused the operation now'],
  303: [false, 'The modem does not support this operation'],
  304: [false, 'The modem rejected the PDU'],
  310: [true, 'No SIM card in the modem'],
  311: [true, 'The SIM needs its PIN: enter it in the modem settings'],
  313: [true, 'The SIM card failed'],
  314: [true, 'The SIM card is busy'],
  316: [true, 'The SIM is blocked and needs its PUK'],
  320: [true, 'The modem\'s message memory failed'],
  321: [true, 'Invalid message memory index'],
  322: [true, 'The SIM message memory is full'],
  330: [true, 'The SIM has no service centre number: set it with AT+CSCA'],
  331: [true, 'The modem has no network service'],
  332: [true, 'The network timed out'],
  500: [true, 'The modem reported an unknown error'],
};

const CME: Record<number, Entry> = {
  3: [true, 'The modem refused the operation now'],
  4: [false, 'The modem does not support this operation'],
  10: [true, 'No SIM card in the modem'],
  11: [true, 'The SIM needs its PIN: enter it in the modem settings'],
  12: [true, 'The SIM is blocked and needs its PUK'],
  13: [true, 'The SIM card failed'],
  14: [true, 'The SIM card is busy'],
  16: [false, 'The SIM PIN is wrong'],
  30: [true, 'The modem has no network service'],
  31: [true, 'The network timed out'],
  100: [true, 'The modem reported an unknown error'],
};

/** A command the modem answered with an error. */
export class AtCommandError extends Error {
  override readonly name = 'AtCommandError';
  constructor(
    readonly command: string,
    readonly family: 'cms' | 'cme' | 'plain' | 'timeout' | 'closed',
    readonly code: number | null,
    readonly text: string,
    /** Information lines that had arrived when it failed (a timed-out +CPIN? may have its answer). */
    readonly lines: readonly string[] = [],
    /** For AT+CMGS: the PDU had been written when it failed, so the SMS may have gone out. */
    readonly pduSent = false,
  ) {
    super(`${command} → ${family === 'plain' ? text : family === 'timeout' ? 'no answer in time' : family === 'closed' ? 'port closed' : `+${family.toUpperCase()} ERROR: ${text}`}`);
  }
}

/** The CarrierError a dispatcher sees for a failed command. */
export function toCarrierError(err: unknown): CarrierError {
  if (err instanceof CarrierError) return err;
  if (err instanceof AtCommandError) {
    if (err.family === 'timeout') return new CarrierError(`The modem did not answer ${err.command} in time`, 'modem:timeout', true);
    if (err.family === 'closed') return new CarrierError('The modem port closed; it will be reopened', 'modem:closed', true);
    if (err.family === 'plain') return new CarrierError(`The modem answered ${err.text} to ${err.command}`, 'modem:error', true);
    const table = err.family === 'cms' ? CMS : CME;
    const entry = err.code !== null ? table[err.code] : undefined;
    const label = `+${err.family.toUpperCase()} ERROR ${err.text}`;
    if (entry) return new CarrierError(`${entry[1]} (${label})`, `${err.family}:${err.code}`, entry[0]);
    return new CarrierError(`The modem reported ${label}`, `${err.family}:${err.code ?? err.text}`, true);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CarrierError(`Modem failure: ${message}`, 'modem:internal', true);
}
