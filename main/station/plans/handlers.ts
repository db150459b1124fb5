// The station's side of shared/protocol/plans.ts, for the control room. Launches act as the
// signed-in user; refusals are re-told in the desk's language.
import type { planRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { sayRefusals } from '../i18n/refusals.js';
import type { ClientSession, Handlers } from '../server/control-room.js';
import { exportRosters, importRosters } from './roster-xlsx.js';
import type { PlanService } from './service.js';

type PlanHandlers = Pick<Handlers, keyof typeof planRequests>;

export function planHandlers(core: StationCore): PlanHandlers {
  const plans = (): PlanService => core.plans!;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login, role: s.user!.role });
  const rosterList = () => ({ rosters: plans().rosters.all(), roles: plans().rosters.roles() });

  return {
    'plans.list'() {
      return { plans: plans().plans.all() };
    },
    'plans.save'(session, { id, sort, updatedAt: _seen, ...spec }) {
      return { plans: plans().savePlan(actorOf(session), spec, id ?? null, sort ?? null) };
    },
    'plans.delete'(session, { id }) {
      return { plans: plans().deletePlan(actorOf(session), id) };
    },
    'plans.preview'(session, { planId, fields, drill }) {
      const actor = actorOf(session);
      const preview = plans().launcher.preview(actor, plans().plan({ planId }, actor), { fields, drill });
      return { ...preview, refused: sayRefusals(preview.refused, session.locale) };
    },
    'plans.launch'(session, { planId, fields, drill, clientRef }) {
      const result = plans().launch(actorOf(session), { planId }, { fields, drill, door: 'ui', clientRef });
      return { ...result, refused: sayRefusals(result.refused, session.locale) };
    },
    'plans.launchInfo'(_session, { broadcastId }) {
      return plans().launchInfo(broadcastId);
    },
    'plans.smsLaunchers'() {
      return { launchers: plans().smsLaunchers() };
    },
    'plans.smsLaunchers.save'(session, { launchers }) {
      return { launchers: plans().saveSmsLaunchers(actorOf(session), launchers) };
    },
    'rosters.list'() {
      return rosterList();
    },
    'rosters.save'(session, { updatedAt: _seen, ...roster }) {
      plans().saveRoster(actorOf(session), roster);
      return rosterList();
    },
    'rosters.delete'(session, { id }) {
      plans().deleteRoster(actorOf(session), id);
      return rosterList();
    },
    'rosters.duty'(_session, { groupId }) {
      const at = core.clock.now();
      return { duty: plans().onCall.duty(at, groupId), at };
    },
    'rosters.shifts'(_session, { rosterId, from, to }) {
      const roster = plans().rosters.byId(rosterId);
      return { shifts: roster ? plans().onCall.shifts(roster, from, to) : [] };
    },
    async 'rosters.export'() {
      const buffer = await exportRosters(core, plans());
      return { fileName: 'rosters.xlsx', base64: buffer.toString('base64') };
    },
    async 'rosters.import'(session, { base64 }) {
      const result = await importRosters(core, plans(), actorOf(session), Buffer.from(base64, 'base64'), session.locale);
      return { ...rosterList(), ...result };
    },
  };
}
