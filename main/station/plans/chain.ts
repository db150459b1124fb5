// A launched plan's escalation chain, run on the escalation clock (dispatch/escalation.ts asks
// these steps after its own re-sends): next groups, the on-call people of a role resolved at the
// step itself, and a call step that rings the silent through a modem. Each SMS step goes through
// dispatch.send as the launcher, so the launcher's rights are checked against whoever the step
// reaches when it sends; a step that reaches nobody says so in the audit and on the board.
import type { StationCore } from '../core.js';
import type { ChainStep, ConfirmAlert, PersonRef } from '../../../shared/protocol/index.js';
import type { ChainSteps } from '../dispatch/escalation.js';
import { escalationText } from '../dispatch/escalation.js';
import type { SendingActor } from '../dispatch/rights.js';
import { SYSTEM_ACTOR } from '../store/audit.js';
import type { OnCall } from './on-call.js';
import { recordDuty } from './launch.js';

/** Rings people for a call step; implemented by the voice calls module. */
export interface CallStep {
  ring(rootId: number, people: readonly PersonRef[], ringSeconds: number): void;
}

type StepOutcome = Pick<ConfirmAlert, 'action' | 'group' | 'followUpId'>;

export class PlanChain implements ChainSteps {
  private readonly chains = new Map<number, ChainStep[]>();

  constructor(
    private readonly core: StationCore,
    private readonly onCall: OnCall,
    private readonly calls: CallStep,
  ) {}

  count(rootId: number): number {
    return this.chainOf(rootId).length;
  }

  run(rootId: number, index: number, silent: PersonRef[], now: number): StepOutcome {
    const step = this.chainOf(rootId)[index];
    const root = this.core.store.db.prepare('SELECT text, author_id FROM broadcasts WHERE id = ?').get(rootId) as { text: string; author_id: number | null };
    const author = this.authorOf(root.author_id);
    if (!step) return { action: 'exhausted', group: null, followUpId: null };
    if (step.kind === 'call') {
      this.calls.ring(rootId, silent, step.ringSeconds);
      return { action: 'called', group: null, followUpId: null };
    }
    // As the escalation's own group steps: the text names everyone not yet confirmed (a "не могу"
    // is an answer, not a confirmation), and replies to it belong to the escalation.
    const base = {
      text: escalationText(root.text, this.core.inbound.answers.unconfirmed(rootId)),
      kind: 'confirm' as const,
      source: 'system' as const,
      priority: 'high' as const,
      phones: [],
      tags: [],
      parentId: rootId,
      followUp: 'escalation' as const,
    };
    if (step.kind === 'groups') {
      const sent = this.core.dispatcher.send(author, { ...base, groups: step.groups, contacts: [] });
      const names = step.groups.map((g) => this.onCall.groupName(g)).join(', ');
      return { action: 'escalated', group: { id: step.groups[0]!, name: names }, followUpId: sent.broadcastId };
    }
    const duty = this.onCall.resolve(step.onCall, now);
    const contacts = [...new Set(duty.resolutions.flatMap((d) => d.people.map((p) => p.contactId)).filter((id): id is number => id !== null))];
    const label = duty.resolutions.map((d) => `${d.groupName} · ${d.role}`).join(', ') || step.onCall.map((r) => `${this.onCall.groupName(r.groupId)} · ${r.role}`).join(', ');
    const group = { id: step.onCall[0]!.groupId, name: label };
    if (duty.refused.length > 0) {
      this.core.store.audit.record(SYSTEM_ACTOR, 'plan.chain.nobody', `broadcast:${rootId}`, { step: index, refused: duty.refused.map((r) => `${r.target}: ${r.reason}`) });
    }
    if (contacts.length === 0) return { action: 'escalated', group, followUpId: null };
    const sent = this.core.dispatcher.send(author, { ...base, groups: [], contacts });
    if (sent.broadcastId !== null) recordDuty(this.core, sent.broadcastId, duty.resolutions, now);
    return { action: 'escalated', group, followUpId: sent.broadcastId };
  }

  private chainOf(rootId: number): ChainStep[] {
    let chain = this.chains.get(rootId);
    if (!chain) {
      const row = this.core.store.db.prepare('SELECT chain FROM plan_launches WHERE broadcast_id = ?').get(rootId) as { chain: string } | undefined;
      chain = row ? (JSON.parse(row.chain) as ChainStep[]) : [];
      // Only launched plans are remembered; other roots are asked again (cheap, and rare).
      if (row) this.chains.set(rootId, chain);
    }
    return chain;
  }

  /** The launcher, with the role they have now: a dispatcher demoted since the launch reaches less. */
  private authorOf(userId: number | null): SendingActor {
    if (userId === null) return { userId: null, name: 'system', role: 'system' };
    const u = this.core.store.db.prepare('SELECT login, role, disabled FROM users WHERE id = ?').get(userId) as
      | { login: string; role: SendingActor['role']; disabled: number }
      | undefined;
    if (!u || u.disabled) return { userId, name: u?.login ?? `user:${userId}`, role: 'viewer' };
    return { userId, name: u.login, role: u.role };
  }
}
