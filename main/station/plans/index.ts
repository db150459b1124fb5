// Alert plans, on-call rosters and calls (DESIGN §2 "plans/"), mounted on a built station: the
// plan chain joins the escalation clock, SMS commands join inbound's post-commit path, call-backs
// are heard on every voice carrier. The control room, REST, mail and the CLI reach it as core.plans.
import type { StationCore } from '../core.js';
import { PlanService } from './service.js';
import { PlanSmsCommands } from './sms-command.js';

export { PlanService } from './service.js';
export { mountPlanRoutes } from './rest.js';
export { planHandlers } from './handlers.js';

export function mountPlans(core: StationCore): PlanService {
  const plans = new PlanService(core);
  core.plans = plans;
  core.escalator.useSteps(plans.chain);
  core.inbound.useCommands(new PlanSmsCommands(core, plans), (err) => core.log.error({ err }, 'plan SMS command failed'));
  return plans;
}
