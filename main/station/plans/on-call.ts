// "On duty now" for the station: the roster of a group's role, resolved at the instant asked
// (a launch, each escalation step, the group panel), with names and phones from the directory.
// A role nobody covers is a refusal in words, never a silent gap in the audience.
import type { Db } from '../store/database.js';
import type { DutyPerson, DutyResolution, DutyView, OnCallRef, PersonRef, RosterView, ShiftView } from '../../../shared/protocol/index.js';
import { RosterResolver, type DutyMember } from '../domain/roster.js';
import { refusal, type StationRefusal } from '../i18n/refusals.js';
import { msg } from '../i18n/text.js';
import { RosterRepository, rulesOf } from './roster-store.js';

export interface OnCallResolution {
  resolutions: DutyResolution[];
  refused: StationRefusal[];
}

export class OnCall {
  private readonly cache = new Map<number, { updatedAt: number; resolver: RosterResolver }>();
  private readonly personStmt;
  private readonly groupStmt;

  constructor(
    private readonly db: Db,
    readonly rosters: RosterRepository,
  ) {
    this.personStmt = db.prepare('SELECT id AS contactId, name, phone FROM contacts WHERE id = ?');
    this.groupStmt = db.prepare('SELECT name FROM groups WHERE id = ?');
  }

  /** The people on duty for each reference at `at`; a group with no roster or nobody on duty is refused. */
  resolve(refs: readonly OnCallRef[], at: number): OnCallResolution {
    const out: OnCallResolution = { resolutions: [], refused: [] };
    for (const ref of refs) {
      const groupName = this.groupName(ref.groupId);
      const roster = this.rosters.find(ref.groupId, ref.role);
      const target = `${groupName} · ${ref.role}`;
      if (!roster) {
        out.refused.push(refusal('group', target, msg('plans.noRoster', { group: groupName, role: ref.role })));
        continue;
      }
      const people = this.people(this.resolverOf(roster).onDuty(at));
      if (people.length === 0) out.refused.push(refusal('group', target, msg('plans.nobodyOnDuty', { group: groupName, role: ref.role })));
      out.resolutions.push({ groupId: ref.groupId, groupName, role: roster.role, people });
    }
    return out;
  }

  /** Now and next of every roster, or of one group's. */
  duty(at: number, groupId?: number): DutyView[] {
    return this.rosters
      .all()
      .filter((r) => groupId === undefined || r.groupId === groupId)
      .map((r) => {
        const resolver = this.resolverOf(r);
        const current = resolver.shiftsAt(at);
        const next = resolver.next(at);
        return {
          rosterId: r.id,
          groupId: r.groupId,
          role: r.role,
          timeZone: r.timeZone,
          now: this.people(resolver.onDuty(at)),
          nowUntil: current.length > 0 ? Math.min(...current.map((s) => s.end)) : null,
          next: this.people(next.flatMap((s) => s.members)),
          nextAt: next[0]?.start ?? null,
        };
      });
  }

  shifts(roster: RosterView, from: number, to: number): ShiftView[] {
    return this.resolverOf(roster)
      .between(from, to)
      .map((s) => {
        const working = new Set(s.members.map((m) => m.contactId));
        return {
          start: s.start,
          end: s.end,
          source: s.source,
          team: s.team,
          people: this.people(s.members),
          away: s.scheduled.filter((id) => !working.has(id)).map((id) => this.person(id)),
        };
      });
  }

  groupName(groupId: number): string {
    return (this.groupStmt.get(groupId) as { name: string } | undefined)?.name ?? `#${groupId}`;
  }

  person(contactId: number): PersonRef {
    return (this.personStmt.get(contactId) as PersonRef | undefined) ?? { contactId, name: null, phone: '' };
  }

  private people(members: readonly DutyMember[]): DutyPerson[] {
    const seen = new Set<number>();
    const out: DutyPerson[] = [];
    for (const m of members) {
      if (seen.has(m.contactId)) continue;
      seen.add(m.contactId);
      out.push({ ...this.person(m.contactId), replaces: m.replaces === null ? null : this.person(m.replaces), reason: m.reason });
    }
    return out;
  }

  /** A roster was saved or deleted: resolve it afresh next time. */
  forget(rosterId: number): void {
    this.cache.delete(rosterId);
  }

  /** Resolvers are cheap but parse zones and dates: keep one per roster version. */
  private resolverOf(roster: RosterView): RosterResolver {
    const hit = this.cache.get(roster.id);
    if (hit && hit.updatedAt === roster.updatedAt) return hit.resolver;
    const resolver = new RosterResolver(rulesOf(roster));
    this.cache.set(roster.id, { updatedAt: roster.updatedAt, resolver });
    return resolver;
  }
}
