// Launching a plan by SMS: "!ПС12 Северный" to the modem's number starts plan ПС12 with the field
// "Северный", acting as the user the admin tied to that phone. Runs after the SMS is committed
// (inbound's guarded path): whatever happens here never reaches the carrier. A phone nobody
// authorised is refused and audited, and told so only if it is a phone (an alphanumeric sender
// cannot read a reply), at most once an hour so two robots cannot ping-pong.
import type { StationCore } from '../core.js';
import type { InboundCommand, InboundCommands } from '../inbound/inbound.js';
import { templateFields } from '../../../shared/plans/template.js';
import { StationError } from '../errors.js';
import { msg, render, type Message } from '../i18n/text.js';
import { sayRefusals } from '../i18n/refusals.js';
import type { PlanService } from './service.js';

const COMMAND = /^\s*!([\p{L}\p{N}_-]{1,16})(?:\s+([\s\S]*))?$/u;
const REFUSAL_EVERY_MS = 3_600_000;

/** "!ПС12 Северный" → code and the rest of the text; null for any other text. */
export function parsePlanCommand(text: string): { code: string; rest: string } | null {
  const m = COMMAND.exec(text);
  return m ? { code: m[1]!, rest: (m[2] ?? '').trim() } : null;
}

/** The rest of a command as field values: all of it for one field, split on ";" (or ",") for several. */
export function commandFields(template: string, rest: string): Record<string, string> {
  const names = templateFields(template);
  if (names.length === 0 || rest === '') return {};
  if (names.length === 1) return { [names[0]!]: rest };
  const parts = rest.includes(';') ? rest.split(';') : rest.split(',');
  const out: Record<string, string> = {};
  names.forEach((n, i) => {
    const v = parts[i]?.trim();
    if (v) out[n] = v;
  });
  return out;
}

export class PlanSmsCommands implements InboundCommands {
  private readonly lastRefusal = new Map<string, number>();

  constructor(
    private readonly core: StationCore,
    private readonly plans: PlanService,
  ) {}

  /** A known plan's code from anyone (so a stranger's try is refused and audited); any "!word" from an authorised phone. */
  recognises(text: string, phone: string): boolean {
    const c = parsePlanCommand(text);
    return c !== null && (this.plans.plans.byCode(c.code) !== undefined || this.plans.launcherFor(phone) !== undefined);
  }

  handle(sms: InboundCommand): void {
    const command = parsePlanCommand(sms.text);
    if (!command) return;
    const actor = this.plans.launcherFor(sms.phone);
    const audit = { phone: sms.phone, text: sms.text, messageId: sms.messageId };
    if (!actor) {
      this.core.store.audit.record({ userId: null, name: `sms:${sms.phone}` }, 'plan.command.refused', `plan:${command.code}`, { ...audit, reason: 'phone not authorised' });
      const last = this.lastRefusal.get(sms.phone) ?? 0;
      if (sms.senderIsPhone && Date.now() - last > REFUSAL_EVERY_MS) {
        this.lastRefusal.set(sms.phone, Date.now());
        this.reply(sms.phone, msg('plans.smsRefusedUnknown'));
      }
      return;
    }
    const plan = this.plans.plans.byCode(command.code);
    if (!plan || !plan.smsCommand) {
      this.core.store.audit.record(actor, 'plan.command.refused', `plan:${command.code}`, { ...audit, reason: plan ? 'plan not launched by SMS' : 'unknown plan' });
      this.reply(sms.phone, msg('plans.smsNotLaunched', { code: command.code, reason: render(msg('plans.unknown', { plan: command.code }), 'ru') }));
      return;
    }
    try {
      const result = this.plans.launch(actor, { planId: plan.id }, { fields: commandFields(plan.text, command.rest), drill: false, door: 'sms', clientRef: `sms:${sms.messageId}` });
      if (result.broadcastId === null) {
        this.reply(sms.phone, msg('plans.smsNotLaunched', { code: plan.code, reason: sayRefusals(result.refused, 'ru').slice(0, 2).map((r) => `${r.target}: ${r.reason}`).join(' ') }));
      } else {
        this.reply(sms.phone, msg('plans.smsLaunched', { code: plan.code, recipients: result.recipients, id: result.broadcastId }));
      }
    } catch (err) {
      if (!(err instanceof StationError)) throw err;
      this.reply(sms.phone, msg('plans.smsNotLaunched', { code: plan.code, reason: err.say('ru') }));
    }
  }

  /** Answers in Russian: the phones in the field belong to this country's crews. */
  private reply(phone: string, text: Message): void {
    const system = { userId: null, name: 'system', role: 'system' as const };
    this.core.dispatcher.send(system, { text: render(text, 'ru').slice(0, 300), kind: 'plain', source: 'system', priority: 'high', phones: [phone], groups: [], contacts: [], tags: [] });
  }
}
