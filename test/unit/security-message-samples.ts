// Samples for the security catalog's keys, spread into station-messages.test.ts's SAMPLES.
import type { ParamsOf } from '../../main/station/i18n/messages.js';
import type { securityMessages } from '../../main/station/i18n/security-messages.js';

type Key = keyof typeof securityMessages;

export const SECURITY_SAMPLES: { [K in Key]: ParamsOf<K> } = {
  'sight.someone': {},
  'http.badTarget': {},
  'http.unknownHost': { host: 'evil.example' },
  'login.throttled': { seconds: 16 },
  'login.locked': { seconds: 90 },
  'login.busy': {},
  'login.oneAtATime': {},
  'flood.tooFast': { seconds: 3 },
  'export.ticketInvalid': {},
  'export.notYours': {},
  'upload.loginFirst': {},
  'upload.tooLarge': { megabytes: 20 },
  'upload.busy': {},
  'upload.noName': {},
  'file.tooManyRows': { max: 200000 },
  'file.tooManyColumns': { max: 64 },
  'file.cellTooLong': { row: 7, max: 4000 },
  'file.inflatesTooMuch': { megabytes: 256 },
  'file.badZip': {},
  'read.noExport': {},
  'import.notAllowed': {},
};
