// Which pushes a logged-in socket may receive. An export's progress goes to the user who started
// it only; what else a user may see follows their read scope (auth/read-scope.ts).
import type { EventName } from '../../../shared/protocol/index.js';
import type { ClientSession } from './control-room.js';

export interface PushGate {
  allows(session: ClientSession, event: EventName, data: unknown): boolean;
}
