// The account's month, from the station's billing (billing/billing.ts): the chosen tariff plan's
// included SMS and the segments billed this month. The station has one pooled package, not the
// operator's split into its own and other networks, so the package is the "Packet" and "General"
// figures, the per-operator remainders are that same pooled remainder, and the "External",
// "Transactional" and "Service" counters, which have no counterpart here, are 0.
import { billingSummary } from '../../../billing/billing.js';
import type { OpRun } from './kit.js';

function month(ctx: Parameters<OpRun>[0]) {
  const summary = billingSummary(ctx.core.store.db, { timeZone: ctx.zone.timeZone });
  const { included, used, overage } = summary.current;
  const remainder = Math.max(0, included - used);
  return { summary, included, used, extra: Math.max(overage, used - included, 0), remainder };
}

export const accountOperations: Record<string, OpRun> = {
  GetStatistics(ctx) {
    const { summary, included, used, extra, remainder } = month(ctx);
    const [year, mon] = summary.month.split('-').map(Number) as [number, number];
    const inPackage = Math.min(used, included);
    return {
      Year: year,
      Month: mon,
      PacketSize: included,
      IncludedSMS: inPackage,
      ExtraSMS: extra,
      Remainder: remainder,
      ExternalPacketSize: 0,
      ExternalIncludedSms: 0,
      ExternalExtraSms: 0,
      ExternalReminder: 0,
      GeneralPacketSize: included,
      GeneralIncludedSms: inPackage,
      GeneralExtraSms: extra,
      GeneralReminder: remainder,
      MTSRemainder: remainder,
      MegafonRemainder: remainder,
      BeelineRemainder: remainder,
      RostelecomRemainder: remainder,
      Tele2Remainder: remainder,
      MotivRemainder: remainder,
      MtsTransactional: 0,
      MegafonTransactional: 0,
      BeelineTransactional: 0,
      Tele2Transactional: 0,
      MtsService: 0,
      MegafonService: 0,
      BeelineService: 0,
      Tele2Service: 0,
      TotalBilledSms: used,
    };
  },

  /** The tariff plan, as the operator named its two: `Company` («Компания») or `Employee` («Сотрудник»). */
  GetCompanyMode(ctx) {
    const { summary } = month(ctx);
    const id = summary.current.planId;
    return id.charAt(0).toUpperCase() + id.slice(1);
  },

  /** SMS left in this month's package (never below 0; overage is GetStatistics' ExtraSMS). */
  GetBalance(ctx) {
    return String(month(ctx).remainder);
  },
};
