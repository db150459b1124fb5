// Voice calls as a carrier capability: a modem can ring a phone and hears who rings it. The
// station's call step and call-back confirmations work against this interface; the modem driver
// implements it (carriers/modem/voice*.ts), other carriers simply do not have it.
export type CallOutcomeState = 'answered' | 'busy' | 'no-answer' | 'no-carrier' | 'failed';

export interface CallOutcome {
  state: CallOutcomeState;
  /** What the modem said, in words, for the board and the log. */
  detail: string | null;
  /** The voice line (modem) that made the call. */
  lineId: string;
}

export interface IncomingCall {
  /** Caller ID as the network gave it (+CLIP), or null when withheld. */
  from: string | null;
  lineId: string;
  at: number;
}

export interface VoiceLine {
  readonly lineId: string;
  /** Up, registered and able to dial now. */
  canCall(): boolean;
  /**
   * Rings `phone` for at most `ringSeconds`, hangs up on answer or when the time is up, and
   * resolves with what happened. Never holds the modem longer than that (plus the hang-up).
   */
  dial(phone: string, ringSeconds: number): Promise<CallOutcome>;
}

/** A carrier that has voice lines (a modem, a pool of modems). */
export interface VoiceCarrier {
  voiceLines(): VoiceLine[];
  /** Every incoming call on any of its lines; the carrier has already rejected it (ATH). */
  onIncomingCall(listener: (call: IncomingCall) => void): () => void;
}

export function isVoiceCarrier(c: unknown): c is VoiceCarrier {
  return typeof (c as Partial<VoiceCarrier>)?.voiceLines === 'function' && typeof (c as Partial<VoiceCarrier>)?.onIncomingCall === 'function';
}
