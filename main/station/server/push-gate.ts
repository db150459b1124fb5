// What a logged-in socket may receive of a push: the event as it is, a part of it (the directory
// limited to the user's people), or nothing (undefined).
import type { EventName } from '../../../shared/protocol/index.js';
import type { ClientSession } from './control-room.js';

export interface PushGate {
  filter(session: ClientSession, event: EventName, data: unknown): unknown;
}
