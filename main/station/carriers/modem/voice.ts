// Voice calls on one modem: ring a phone for a bounded time and say what happened, and hear
// who rings us (RING + +CLIP), rejecting the call at once so it costs nothing. A call holds the
// modem exclusively (AtSession.exclusive) for at most its ring time plus the hang-up, so SMS on
// the same modem wait no longer than that. Vendor differences are data (voice-profiles.ts).
import type { CallOutcome, IncomingCall, VoiceLine } from '../voice.js';
import type { AtRunner, AtSession, Urc } from './at-session.js';
import { AtCommandError } from './errors.js';
import { CALL_ENDS, parseClcc, parseClip, voiceSettingsFor, type VoiceSettings } from './voice-profiles.js';
import type { ProfileId } from './profiles.js';

/** Time the hang-up may take after the ring time is over. */
const HANGUP_MARGIN_MS = 8_000;
/** How long a RING waits for its +CLIP before the call is rejected as withheld. */
const CLIP_WAIT_MS = 1_500;
/** A RING right after our ATH is still that call's (it was on the wire); later ones are a new call. */
const SAME_CALL_MS = 1_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ModemVoice implements VoiceLine {
  private session: AtSession | null = null;
  private settings: VoiceSettings = voiceSettingsFor('generic');
  private readonly detach: (() => void)[] = [];
  private readonly listeners = new Set<(call: IncomingCall) => void>();
  /** The outgoing call under way, and how it ended when the modem said so on its own. */
  private calling: { ended: CallOutcome['state'] | null } | null = null;
  private ringing: { at: number; from: string | null; timer: NodeJS.Timeout | null; rejected: boolean } | null = null;
  /** A modem without voice refuses caller ID at every setup (every restart too): told once, not each time. */
  private clipRefusalTold = false;

  constructor(
    readonly lineId: string,
    private readonly ready: () => boolean,
    private readonly note: (text: string) => void = () => undefined,
  ) {}

  /** A new session (the modem was set up): listen for calls and switch caller ID on. */
  attach(session: AtSession, profile: ProfileId | null): void {
    this.release();
    this.session = session;
    this.settings = voiceSettingsFor(profile);
    for (const prefix of ['RING', '+CRING']) this.detach.push(session.onUrc(prefix, () => this.onRing()));
    this.detach.push(session.onUrc('+CLIP', (u) => this.onClip(u)));
    for (const end of Object.keys(CALL_ENDS)) this.detach.push(session.onUrc(end, (u) => this.onCallEnd(u)));
    // +CLIP after every RING (27.007 §7.6). A modem without it still rings; the call is then withheld.
    session.run({ text: 'AT+CLIP=1', timeoutMs: 5_000 }).then(
      () => { this.clipRefusalTold = false; },
      (e: unknown) => {
        if (this.clipRefusalTold) return;
        this.clipRefusalTold = true;
        this.note(`Caller ID could not be switched on (AT+CLIP=1): ${String((e as Error).message ?? e)}`);
      },
    );
  }

  /** The session is gone (port closed, modem reset). */
  release(): void {
    for (const d of this.detach.splice(0)) d();
    if (this.ringing?.timer) clearTimeout(this.ringing.timer);
    this.ringing = null;
    this.session = null;
  }

  onIncoming(listener: (call: IncomingCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  canCall(): boolean {
    return this.session !== null && this.calling === null && this.ready();
  }

  async dial(phone: string, ringSeconds: number): Promise<CallOutcome> {
    const session = this.session;
    if (!session || this.calling) return { state: 'failed', detail: 'The modem is not free to call.', lineId: this.lineId };
    const number = phone.replace(/[^\d+]/g, '');
    const call = { ended: null as CallOutcome['state'] | null };
    this.calling = call;
    try {
      return await session.exclusive(ringSeconds * 1_000 + HANGUP_MARGIN_MS, (run) =>
        this.settings.clcc ? this.dialPolling(run, number, ringSeconds, call) : this.dialColp(run, number, ringSeconds),
      );
    } catch (e) {
      return { state: 'failed', detail: e instanceof Error ? e.message : String(e), lineId: this.lineId };
    } finally {
      this.calling = null;
    }
  }

  /** ATD answers at once; +CLCC says when the far end is ringing, answered or gone. */
  private async dialPolling(run: AtRunner, number: string, ringSeconds: number, call: { ended: CallOutcome['state'] | null }): Promise<CallOutcome> {
    await run.run({ text: 'AT+COLP=0', timeoutMs: 3_000 }).catch(() => undefined);
    const dialled = await this.tryRun(run, `ATD${number};`, 20_000);
    if (dialled !== true) return dialled;
    const deadline = Date.now() + ringSeconds * 1_000;
    let alerting = false;
    while (Date.now() < deadline) {
      if (call.ended) return this.outcome(call.ended, alerting);
      let lines: string[];
      try {
        lines = (await run.run({ text: 'AT+CLCC', prefix: '+CLCC', timeoutMs: 3_000 })).lines;
      } catch (e) {
        // A call-end result arriving while AT+CLCC was in flight ends that command instead.
        const end = e instanceof AtCommandError ? CALL_ENDS[e.text] : undefined;
        if (end) return this.outcome(end, alerting);
        await sleep(this.settings.pollMs);
        continue;
      }
      const ours = lines.map(parseClcc).find((c) => c && c.outgoing && c.voice);
      if (!ours || ours.stat === 6) return this.outcome(call.ended ?? 'no-carrier', alerting);
      if (ours.stat === 0) {
        await this.hangUp(run);
        return { state: 'answered', detail: 'Answered; hung up at once.', lineId: this.lineId };
      }
      if (ours.stat === 3) alerting = true;
      await sleep(this.settings.pollMs);
    }
    await this.hangUp(run);
    return { state: 'no-answer', detail: `No answer within ${ringSeconds} s; hung up.`, lineId: this.lineId };
  }

  /** With AT+COLP=1, ATD's own final result is the outcome: OK once connected (SIM800 §2.2.3). */
  private async dialColp(run: AtRunner, number: string, ringSeconds: number): Promise<CallOutcome> {
    await run.run({ text: 'AT+COLP=1', timeoutMs: 3_000 }).catch(() => undefined);
    const dialled = await this.tryRun(run, `ATD${number};`, ringSeconds * 1_000);
    if (dialled === true) {
      await this.hangUp(run);
      return { state: 'answered', detail: 'Answered; hung up at once.', lineId: this.lineId };
    }
    if (dialled.state === 'failed' && dialled.detail === 'timeout') {
      await this.hangUp(run);
      return { state: 'no-answer', detail: `No answer within ${ringSeconds} s; hung up.`, lineId: this.lineId };
    }
    return dialled;
  }

  /** True when the command answered OK; else the outcome its refusal means. */
  private async tryRun(run: AtRunner, text: string, timeoutMs: number): Promise<true | CallOutcome> {
    try {
      await run.run({ text, timeoutMs });
      return true;
    } catch (e) {
      if (!(e instanceof AtCommandError)) throw e;
      const end = CALL_ENDS[e.text];
      if (end) return this.outcome(end, false);
      if (e.family === 'timeout') return { state: 'failed', detail: 'timeout', lineId: this.lineId };
      return { state: 'failed', detail: `The modem refused to dial: ${e.text || e.message}`, lineId: this.lineId };
    }
  }

  private outcome(state: 'busy' | 'no-answer' | 'no-carrier' | CallOutcome['state'], alerting: boolean): CallOutcome {
    const detail =
      state === 'busy' ? 'The line was busy (or the call was declined).'
      : state === 'no-answer' ? 'Rang, no answer.'
      : state === 'no-carrier' ? (alerting ? 'Rang, then the call was dropped.' : 'The call could not be put through (NO CARRIER).')
      : null;
    return { state, detail, lineId: this.lineId };
  }

  private async hangUp(run: AtRunner): Promise<void> {
    for (const text of this.settings.hangup) {
      try {
        await run.run({ text, timeoutMs: 3_000 });
        return;
      } catch {
        /* the next hang-up command */
      }
    }
    this.note('The modem accepted no hang-up command (ATH, AT+CHUP); the network ends the call.');
  }

  // ---- incoming ----

  private onRing(): void {
    if (this.calling) return; // a waiting call while we ring out: the caller hears busy and tries again
    if (this.ringing) return;
    this.ringing = { at: Date.now(), from: null, rejected: false, timer: setTimeout(() => this.reject(), CLIP_WAIT_MS) };
  }

  private onClip(u: Urc): void {
    const r = this.ringing;
    if (!r || r.rejected) return;
    r.from = parseClip(u.line);
    this.reject();
  }

  private onCallEnd(u: Urc): void {
    if (this.calling && !this.calling.ended) this.calling.ended = CALL_ENDS[u.line] ?? 'no-carrier';
  }

  /** Rejects the ringing call (so it is never answered and never billed) and says who it was. */
  private reject(): void {
    const r = this.ringing;
    const session = this.session;
    if (!r || r.rejected || !session) return;
    r.rejected = true;
    if (r.timer) clearTimeout(r.timer);
    r.timer = null;
    r.at = Date.now();
    const [first, second] = this.settings.hangup;
    session
      .run({ text: first!, urgent: true, timeoutMs: 3_000 })
      .catch(() => (second ? session.run({ text: second, urgent: true, timeoutMs: 3_000 }) : undefined))
      .catch(() => this.note('The modem would not reject an incoming call.'))
      .finally(() => setTimeout(() => this.ringing === r && (this.ringing = null), SAME_CALL_MS));
    const call: IncomingCall = { from: r.from, lineId: this.lineId, at: Date.now() };
    for (const l of this.listeners) {
      try {
        l(call);
      } catch (e) {
        this.note(`Handling an incoming call failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
