// Which pushes a logged-in socket may receive: an export's progress goes to the user who started
// it only.
import type { EventName } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import type { ClientSession } from './control-room.js';
import type { PushGate } from './push-gate.js';

export class ScopeGate implements PushGate {
  constructor(private readonly core: StationCore) {}

  allows(session: ClientSession, event: EventName, data: unknown): boolean {
    if (event === 'history.export.progress') {
      const owner = this.core.history.exports.ownerOf((data as { exportId: string }).exportId);
      return owner === undefined || owner === null || owner === session.user!.id;
    }
    return true;
  }
}
