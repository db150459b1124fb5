// The station's side of shared/protocol/send-check.ts, and what the preview adds: the send's cost
// in roubles and the thresholds for a second ask. Reading the thresholds is for anyone signed in
// (compose needs them); changing them is the admin's, audited with before and after.
import type { sendCheckRequests, SendCost, SendLimits } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { ClientSession, Handlers } from '../server/control-room.js';
import { SendCostEstimator } from './send-cost.js';
import { DEFAULT_SEND_LIMITS, SendLimitsRepository } from './send-limits.js';

type SendCheckHandlers = Pick<Handlers, keyof typeof sendCheckRequests>;

export interface SendCheck {
  handlers: SendCheckHandlers;
  /** The preview's additions for this many SMS, in the asker's language; no cost when pricing fails. */
  previewFields(smsTotal: number, locale: 'ru' | 'en'): { cost?: SendCost; limits: SendLimits };
  /** A send went out: the month so far changed. */
  sent(): void;
}

export function sendCheck(core: StationCore): SendCheck {
  const { store } = core;
  const limits = new SendLimitsRepository(store.db);
  const estimator = new SendCostEstimator(store.db);
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const result = () => ({ limits: limits.get(), defaults: DEFAULT_SEND_LIMITS });
  return {
    handlers: {
      'sendLimits.get'() {
        return result();
      },
      'sendLimits.set'(session, next) {
        if (session.user!.role !== 'admin') {
          store.audit.record(actorOf(session), 'admin.refused', 'sendLimits.set');
          throw new RightsError(msg('admin.only'));
        }
        const before = limits.get();
        limits.set(next);
        store.audit.record(actorOf(session), 'settings.change', 'send-limits', { before, after: limits.get() });
        return result();
      },
    },
    previewFields(smsTotal, locale) {
      try {
        return { cost: estimator.cost(smsTotal, locale), limits: limits.get() };
      } catch (err) {
        // A tariff that cannot be priced must not stop a send: the check shows SMS without roubles.
        core.log.warn({ err }, 'pricing the send failed');
        return { limits: limits.get() };
      }
    },
    sent() {
      estimator.invalidate();
    },
  };
}
