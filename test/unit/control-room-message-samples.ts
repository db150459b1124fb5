// Samples for the control room's part of the station catalog (main/station/i18n/control-room-messages.ts),
// spread into the catalog test's SAMPLES: a new key without a sample here fails to compile.
import type { controlRoomMessages } from '../../main/station/i18n/control-room-messages.js';

type Keys = keyof typeof controlRoomMessages;
export const CONTROL_ROOM_SAMPLES: { [K in Keys]: Parameters<(typeof controlRoomMessages)[K]['en']>[0] } = {
  'carriers.config.required': { field: 'systemId' },
  'carriers.config.pin': {},
  'carriers.config.notSecret': { field: 'host' },
  'carriers.config.invalid': { field: 'port', issue: 'Too big: expected number to be <=65535' },
  'carriers.config.fixed': { id: 'modem' },
  'carriers.config.unknown': { id: 'smpp-9' },
  'carriers.config.reorderMismatch': {},
  'directory.adminOnly': {},
  'directory.nameEmpty': {},
  'directory.phoneEmpty': {},
  'directory.email': { email: 'ivanov@' },
  'directory.phoneTaken': { phone: '+79161234567', name: 'Иванов И.' },
  'directory.noContact': { id: 6161 },
  'directory.noGroup': { id: 6262 },
  'directory.groupNameTaken': { name: 'Бригада 3' },
  'directory.groupCycle': { name: 'Северный РЭС', parent: 'Бригада 1' },
  'directory.groupHasChildren': { name: 'Северный РЭС', count: 3 },
  'directory.reorderMismatch': {},
  'send.rescheduleNotAuthor': {},
  'send.rescheduleStarted': { id: 5656 },
  'send.rescheduleCancelled': { id: 5757 },
};
