// Launching a plan by mail: a monitor or a person mails mail2sms@ (or any address at our domains)
// with the subject "!ПС12 Северная", the same command as by SMS. Lines "поле: значение" in the
// body fill fields by name. The sender's user (by address or API-key AUTH) is the launcher.
import type { StationCore } from '../core.js';
import type { SendingActor } from '../dispatch/rights.js';
import { templateFields } from '../../../shared/plans/template.js';
import { commandFields, parsePlanCommand } from './sms-command.js';
import type { PlanLaunchResult } from './launch.js';

/** The launch a mail asks for, or null when its subject names no plan (then it is an ordinary mail2sms). */
export function launchPlanByMail(core: StationCore, actor: SendingActor, subject: string | undefined, body: string | undefined): PlanLaunchResult | null {
  const command = parsePlanCommand(subject ?? '');
  const plans = core.plans;
  if (!command || !plans) return null;
  const plan = plans.plans.byCode(command.code);
  if (!plan) return null;
  const fields = commandFields(plan.text, command.rest);
  const names = templateFields(plan.text);
  for (const line of (body ?? '').split(/\r?\n/)) {
    const m = /^\s*([^:]{1,40}):\s*(.+?)\s*$/.exec(line);
    const name = m && names.find((n) => n.toLocaleLowerCase('ru') === m[1]!.trim().toLocaleLowerCase('ru'));
    if (m && name) fields[name] = m[2]!;
  }
  return plans.launch(actor, { planId: plan.id }, { fields, drill: false, door: 'mail' });
}
