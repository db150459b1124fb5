// One open port to one modem, from setup to close: the AT session, the vendor profile, the inbox,
// and what keeps it honest —
// - a reboot behind our back (RDY, ^SYSSTART, +CFUN: 1, SMS Ready, +WIND, or an echo coming back
//   after ATE0) means every setting is gone: full re-initialisation and the SIM read out again;
// - a watchdog that needs an answer: only a command's final result proves the modem alive, so an
//   AT interpreter that hangs while ^RSSI lines keep coming is reset;
// - housekeeping: signal and registration, the SMS settings checked (a modem that dropped +CNMI
//   after an unanswered +CMT gets them back), storages listed, half-received SMS expired.
import type { InboundSms } from '../carrier.js';
import { AtSession, type Urc } from './at-session.js';
import { AtCommandError, toCarrierError } from './errors.js';
import { parseCreg, readHealth, type Registration } from './modem-health.js';
import { ModemInbox } from './modem-inbox.js';
import { setupModem, type ModemIdentity, type SetupResult } from './modem-setup.js';
import { PROFILES, type ModemProfile } from './profiles.js';
import { cnmiValues } from './settings.js';
import type { StatusReportPdu } from './pdu/decode.js';
import type { ModemTransport } from './transport.js';

export interface LinkOptions {
  modemId: string;
  pin?: string;
  pinAllowed: boolean;
  storage?: string;
  profile?: ModemProfile;
  watchdogMs: number;
  healthMs: number;
  reassemblyTimeoutMs: number;
  bootGraceMs?: number;
  /** How long a plain command (a read, a setting) may take before the modem counts as not answering. */
  answerTimeoutMs?: number;
  /** The reset of the profile last seen on this modem, for one that hangs before it can be identified. */
  resetCommand?: string;
  /** When this modem was last reset (through an earlier port): a setup that fails soon after meets the reset still under way. */
  lastResetAt?: number;
}

export interface LinkEvents {
  /** connecting (with what it waits for), up, degraded (no network), down (with why). */
  state(state: 'connecting' | 'up' | 'degraded' | 'down', detail: string | null): void;
  health(h: { signal: number | null; operator: string | null; registration: Registration }): void;
  setup(result: SetupResult): void;
  inbound(sms: InboundSms): Promise<void>;
  report(pdu: StatusReportPdu): void;
  storageProblem(detail: string | null): void;
  note(text: string): void;
  /** The port has to be closed and opened again (the modem stopped answering or rebooted badly). */
  lost(reason: string): void;
  /** A reset was sent (epoch ms). */
  reset(at: number): void;
}

/** Every vendor's noise, known from the start: the profile is not known before AT+CGMI answers. */
const ALL_NOISE = [...new Set(PROFILES.flatMap((p) => p.noiseUrcs))];
/** Markers of a real restart; arriving during setup, they mean setup has to run again. */
const HARD_REBOOT = ['RDY', '^SYSSTART', '+CFUN: 1', '+WIND: 3'];
/** The URCs of one boot come within this of its start. */
const BOOT_SPREAD_MS = 5_000;
/**
 * A modem may take this long to come back from a reset (gammu#525: an AirCard 320U half a minute,
 * its port gone meanwhile). A setup that times out sooner after one is not a hang: no second reset.
 */
const RESET_SETTLE_MS = 60_000;

export class ModemLink {
  readonly session: AtSession;
  private inbox: ModemInbox | null = null;
  private result: SetupResult | null = null;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private settingUp = false;
  private echoOffAt = Infinity;
  private rebootAt = 0;
  private reinitDue = false;
  private setupBootAt = 0;
  private lastMarkerAt = 0;
  private pingFailures = 0;
  private resetting = false;
  private registration: Registration = 'unknown';
  private readonly unsubscribe: Array<() => void> = [];
  /** Markers listened to already (profiles share most of them). */
  private readonly watched = new Set<string>();

  constructor(
    private readonly transport: ModemTransport,
    private readonly o: LinkOptions,
    private readonly events: LinkEvents,
  ) {
    this.session = new AtSession(transport, {
      unexpected: (line) => events.note(`Ignored unexpected modem output "${line.slice(0, 60)}"`),
      echo: (line) => this.restarted(`its command echo came back ("${line.slice(0, 20)}")`),
      handlerError: (e) => events.note(`Handling a modem notification failed: ${e instanceof Error ? e.message : String(e)}`),
    }, { defaultTimeoutMs: o.answerTimeoutMs ?? 5_000, resyncTimeoutMs: Math.min(2_500, o.answerTimeoutMs ?? 2_500) });
    for (const noise of ALL_NOISE) this.unsubscribe.push(this.session.onUrc(noise, () => undefined));
    this.unsubscribe.push(this.session.onUrc('+CREG', (u) => this.onCreg(u)));
    this.watchReboots(PROFILES.find((p) => p.id === 'generic')!);
  }

  get ready(): boolean {
    return this.result !== null && !this.settingUp && !this.closed && !this.resetting;
  }

  get profile(): ModemProfile | null {
    return this.result?.profile ?? null;
  }

  get identity(): ModemIdentity | null {
    return this.result?.identity ?? null;
  }

  /**
   * Sets the modem up and reads what waits in its storage; resolves when it can carry SMS. A modem
   * that stops answering during setup is reset before the port is given up (the watchdog that
   * would reset it runs only once it is up), unless it is still coming back from a reset.
   */
  async start(bootStartedAt = Date.now()): Promise<void> {
    try {
      await this.initialise(bootStartedAt);
    } catch (e) {
      if (e instanceof AtCommandError && e.family === 'timeout' && !this.closed && Date.now() - (this.o.lastResetAt ?? 0) >= RESET_SETTLE_MS) await this.sendReset();
      throw e;
    }
    this.startTimers();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.inbox?.close();
    for (const u of this.unsubscribe.splice(0)) u();
    this.session.close();
    await this.transport.close().catch(() => undefined);
  }

  private async initialise(bootStartedAt: number): Promise<void> {
    this.settingUp = true;
    this.setupBootAt = bootStartedAt;
    this.inbox?.close();
    this.inbox = null;
    this.echoOffAt = Infinity;
    try {
      const result = await setupModem(this.session, {
        ...(this.o.pin ? { pin: this.o.pin } : {}),
        ...(this.o.storage ? { storage: this.o.storage } : {}),
        ...(this.o.profile ? { profile: this.o.profile } : {}),
        ...(this.o.bootGraceMs !== undefined ? { bootGraceMs: this.o.bootGraceMs } : {}),
        pinAllowed: this.o.pinAllowed,
        bootStartedAt,
        starting: (detail) => this.events.state('connecting', detail),
        identified: (profile) => {
          this.echoOffAt = Date.now();
          this.watchReboots(profile);
          this.watchPowerDown(profile);
        },
      });
      if (this.closed) return;
      this.result = result;
      this.events.setup(result);
      this.inbox = new ModemInbox(this.session, {
        inbound: (sms) => this.events.inbound(sms),
        report: (pdu) => this.events.report(pdu),
        problem: (detail) => this.events.storageProblem(detail),
        note: (detail) => this.events.note(detail),
      }, {
        modemId: this.o.modemId,
        readMemory: result.settings.readMemory,
        memories: result.settings.memories,
        charset: result.settings.charset,
        acknowledge: result.settings.acknowledge,
        reassemblyTimeoutMs: this.o.reassemblyTimeoutMs,
      });
      await this.refreshHealth();
      // What arrived while we were away (or while the modem rebooted), before we call ourselves up.
      await this.inbox.readAll();
    } finally {
      this.settingUp = false;
    }
    if (this.closed) return;
    // A restart during setup undid part of it: once more, before calling ourselves up.
    if (this.reinitDue || this.rebootAt > this.echoOffAt) {
      this.reinitDue = false;
      return this.initialise(this.rebootAt);
    }
    this.pingFailures = 0;
    this.events.state(this.registrationOk() ? 'up' : 'degraded', null);
  }

  private watch(marker: string, handler: (u: Urc) => void): void {
    if (this.watched.has(marker)) return;
    this.watched.add(marker);
    this.unsubscribe.push(this.session.onUrc(marker, handler));
  }

  private watchReboots(profile: ModemProfile): void {
    for (const marker of profile.rebootUrcs) this.watch(marker, (u) => this.onRebootMarker(u));
  }

  private watchPowerDown(profile: ModemProfile): void {
    for (const marker of profile.powerDownUrcs) {
      this.watch(marker, (u) => this.events.state('down', `The modem is powering down (${u.line}); waiting for it to start again.`));
    }
  }

  private onRebootMarker(u: Urc): void {
    const now = Date.now();
    const hard = HARD_REBOOT.some((m) => u.line.startsWith(m));
    // The URCs of one boot come in a row (RDY … SMS Ready … PB DONE): only the first is news,
    // and none of those of the boot this setup started from.
    const sameBoot = now - this.setupBootAt < BOOT_SPREAD_MS || (!hard && now - this.lastMarkerAt < BOOT_SPREAD_MS);
    this.lastMarkerAt = now;
    if (this.settingUp) {
      if (hard && !sameBoot) this.rebootAt = now;
      return;
    }
    if (!sameBoot) this.restarted(`it said "${u.line}"`);
  }

  private restarted(why: string): void {
    if (this.closed) return;
    this.rebootAt = Date.now();
    if (this.settingUp) {
      this.reinitDue = true;
      return;
    }
    if (!this.result) return;
    this.events.state('connecting', `The modem restarted (${why}); setting it up again.`);
    this.initialise(this.rebootAt).catch(async (e: unknown) => {
      if (this.closed) return;
      if (e instanceof AtCommandError && e.family === 'timeout') await this.sendReset();
      this.events.lost(`Setting the modem up again after its restart failed: ${toCarrierError(e).message}`);
    });
  }

  private onCreg(u: Urc): void {
    this.registration = parseCreg(u.line, false);
    if (this.ready) this.events.state(this.registrationOk() ? 'up' : 'degraded', null);
  }

  private registrationOk(): boolean {
    return this.registration === 'home' || this.registration === 'roaming' || this.registration === 'unknown';
  }

  // ---- keeping it alive ----

  private startTimers(): void {
    const watchdogMs = this.o.watchdogMs;
    this.timers.push(setInterval(() => void this.watchdog(watchdogMs), Math.max(100, watchdogMs / 2)));
    this.timers.push(setInterval(() => void this.housekeeping(), this.o.healthMs));
  }

  /** The classic "sending stops after hours until replugged": ping when no answer came, reset when deaf. */
  private async watchdog(silenceMs: number): Promise<void> {
    const s = this.session;
    if (this.closed || this.settingUp) return;
    if (s.consecutiveTimeouts >= 3) return this.reset(`${s.consecutiveTimeouts} commands in a row got no answer`);
    if (s.pending > 0 || Date.now() - s.lastAnswerAt < silenceMs) return;
    try {
      await s.run({ text: 'AT', timeoutMs: Math.min(3_000, silenceMs) });
      this.pingFailures = 0;
    } catch {
      if (this.closed) return;
      this.pingFailures++;
      if (this.pingFailures >= 2) await this.reset('it did not answer AT twice');
    }
  }

  private async reset(why: string): Promise<void> {
    if (this.closed || this.resetting) return;
    this.resetting = true;
    const reason = `The modem stopped answering (${why}); reset it (${this.resetCommand}) and reopening the port.`;
    // Down first: nothing is handed to a modem that is being reset.
    this.events.state('down', reason);
    await this.sendReset();
    this.events.lost(reason);
  }

  /** This modem's reset: its profile's, else the one last seen on it, else 27.007's full restart. */
  private get resetCommand(): string {
    return this.result?.profile.resetCommand ?? this.o.resetCommand ?? 'AT+CFUN=1,1';
  }

  /** Sends the reset to an interpreter that no longer answers, and lets it leave the wire before the port closes on it. */
  private async sendReset(): Promise<void> {
    this.events.reset(Date.now());
    await this.session.sendBlind(this.resetCommand).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
  }

  private async housekeeping(): Promise<void> {
    if (!this.ready) return;
    try {
      await this.refreshHealth();
      await this.keepSettings();
      if (this.ready) this.events.state(this.registrationOk() ? 'up' : 'degraded', null);
      await this.inbox?.expire(Date.now());
      await this.inbox?.readAll();
    } catch (e) {
      if (!this.closed) this.events.note(toCarrierError(e).message);
    }
  }

  private async refreshHealth(): Promise<void> {
    const h = await readHealth(this.session, this.result?.settings.charset ?? null, Math.min(3_000, this.o.answerTimeoutMs ?? 3_000));
    this.registration = h.registration;
    this.events.health(h);
  }

  /** +CNMI as we set it, or set again: a modem resets it after an unacknowledged +CMT, or a silent reboot. */
  private async keepSettings(): Promise<void> {
    const result = this.result;
    if (!result) return;
    const r = await this.session.run({ text: 'AT+CNMI?', prefix: '+CNMI' }).catch(() => null);
    const now = r?.lines[0] ? cnmiValues(r.lines[0]) : null;
    const wanted = cnmiValues(result.cnmi);
    if (!now || wanted.every((v, i) => now[i] === v)) return;
    await this.session.run({ text: result.cnmi });
    this.events.note(`The modem had lost its new-message settings (AT+CNMI? said ${now.join(',')}); set them again.`);
  }
}
