// Samples for the integrations catalog's keys (API keys, MTS sign-in, mail aliases), spread into station-messages.test.ts's SAMPLES.
import type { ParamsOf } from '../../main/station/i18n/messages.js';
import type { integrationMessages } from '../../main/station/i18n/integration-messages.js';

type Key = keyof typeof integrationMessages;

export const INTEGRATION_SAMPLES: { [K in Key]: ParamsOf<K> } = {
  'integrations.notRunning': {},
  'apikey.noKey': { id: 7 },
  'apikey.alreadyRevoked': { prefix: 'sb_Ab12Cd' },
  'apikey.badLimit': {},
  'apikey.noUserId': { id: 8 },
  'apikey.noUser': { login: 'nobody' },
  'apikey.userDisabled': { login: 'ivanov' },
  'm2m.keyRevoked': { prefix: 'sb_Ab12Cd' },
  'm2m.badLogin': {},
  'm2m.shortPassword': {},
  'm2m.shortToken': {},
  'm2m.passwordNeedsLogin': {},
  'm2m.loginTaken': { login: '79141591070' },
  'm2m.tokenTaken': {},
  'mail.noGroup': { id: 12 },
  'mail.badAlias': {},
  'mail.reservedAlias': { alias: 'mail2sms' },
  'mail.aliasTaken': { alias: 'brigada1' },
};
