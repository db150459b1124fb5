// One sample per plans catalog key, for station-messages.test.ts (spread into its SAMPLES).
import type { ParamsOf } from '../../main/station/i18n/messages.js';
import type { planMessages } from '../../main/station/i18n/plan-messages.js';

type PlanKey = keyof typeof planMessages;

export const PLAN_SAMPLES: { [K in PlanKey]: ParamsOf<K> } = {
  'plans.unknown': { plan: 'ПС99' },
  'plans.codeTaken': { code: 'ПС12' },
  'plans.adminOnly': {},
  'plans.rosterWriters': {},
  'plans.fieldMissing': { fields: '{объект}' },
  'plans.fieldUnknown': { field: 'адрес', plan: 'ПС12' },
  'plans.fieldChoice': { field: 'район', choices: 'Северный, Южный' },
  'plans.noAudience': {},
  'plans.pollOptions': {},
  'plans.chainNeedsConfirm': {},
  'plans.unknownGroup': { id: 6161 },
  'plans.noRoster': { group: 'Северный РЭС', role: 'мастер' },
  'plans.nobodyOnDuty': { group: 'Южный РЭС', role: 'дежурный инженер' },
  'plans.rosterUnknown': { id: 6262 },
  'plans.rosterTaken': { group: 'Западный РЭС', role: 'начальник смены' },
  'plans.rosterBad': { problem: 'a shift names team 3, there are 2' },
  'plans.unknownContact': { id: 6363 },
  'plans.launcherPhone': { phone: 'MTS' },
  'plans.smsRefusedUnknown': {},
  'plans.smsLaunched': { code: 'ПС12', recipients: 3, id: 6464 },
  'plans.smsNotLaunched': { code: 'ПС12', reason: 'Заполните {объект}' },
  'plans.importSheet': { sheet: 'Лист1' },
  'plans.importFile': {},
};
