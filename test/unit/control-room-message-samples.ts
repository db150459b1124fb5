// Samples for the control room's part of the station catalog (main/station/i18n/control-room-messages.ts),
// spread into the catalog test's SAMPLES: a new key without a sample here fails to compile.
import type { controlRoomMessages } from '../../main/station/i18n/control-room-messages.js';

type Keys = keyof typeof controlRoomMessages;
export const CONTROL_ROOM_SAMPLES: { [K in Keys]: Parameters<(typeof controlRoomMessages)[K]['en']>[0] } = {
  'send.rescheduleNotAuthor': {},
  'send.rescheduleStarted': { id: 5656 },
  'send.rescheduleCancelled': { id: 5757 },
};
