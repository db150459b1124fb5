import { describe, expect, it } from 'vitest';
import { messages, type MessageKey, type ParamsOf } from '../../main/station/i18n/messages.js';
import { msg, render, type Message } from '../../main/station/i18n/text.js';
import { plural } from '../../main/station/i18n/catalog.js';
import { StationError } from '../../main/station/errors.js';
import { asStationError } from '../../main/station/server/error-codes.js';
import { PhoneError, normalizePhone } from '../../main/station/domain/phone.js';
import { checkMapping, parseContactRow } from '../../main/station/domain/contact-columns.js';
import { TimeZoneError } from '../../main/station/domain/time-zone.js';
import type { SaidError } from '../../main/station/domain/said.js';
import { SECURITY_SAMPLES } from './security-message-samples.js';
import { PLAN_SAMPLES } from './plan-message-samples.js';
import { CONTROL_ROOM_SAMPLES } from './control-room-message-samples.js';
import { CARRIER_TEXT_SAMPLES } from './carrier-text-samples.js';
import { INTEGRATION_SAMPLES } from './integration-message-samples.js';

// One sample per key, typed by the catalog: a new key without a sample here fails to compile.
const SAMPLES: { [K in MessageKey]: ParamsOf<K> } = {
  ...PLAN_SAMPLES,
  ...CONTROL_ROOM_SAMPLES,
  ...INTEGRATION_SAMPLES,
  'store.readOnly': { reason: 'disk full' },
  ...CARRIER_TEXT_SAMPLES,
  'send.empty': {},
  'send.tooLong': { characters: 1234, segments: 19, max: 10, maxCyrillic: 670, maxLatin: 1530 },
  'send.noRecipients': {},
  'send.orderWithoutNumber': {},
  'send.pollOptions': {},
  'send.unknownContact': { id: 4242 },
  'send.unknownGroup': { id: 4343 },
  'send.unknownEscalationGroup': { id: 4444 },
  'send.unknownTag': { name: 'авария' },
  'send.noBroadcast': { id: 4545 },
  'send.cancelNotAuthor': {},
  'send.closeNotAuthor': {},
  'send.testRefused': {},
  'phone.invalid': { input: '8 916 12' },
  'refusal.contactInactive': {},
  'refusal.phoneInactive': { name: 'Петров' },
  'refusal.viewer': {},
  'refusal.noRight': {},
  'refusal.escalationGroup': {},
  'refusal.escalationNoRight': { author: 'disp' },
  'refusal.authorDisabled': { author: 'disp' },
  'session.wrongLogin': {},
  'session.expired': {},
  'session.ended': {},
  'session.loginFirst': {},
  'frame.notJson': {},
  'frame.unknownRequest': { method: 'dropDatabase' },
  'frame.invalid': { field: 'text', issue: 'Required' },
  internal: {},
  'http.methodNotAllowed': { method: 'PATCH', allowed: 'GET or POST' },
  'admin.only': {},
  'admin.carriersOnly': {},
  'admin.integrationsOnly': {},
  'admin.noUser': { id: 4646 },
  'admin.noUserRights': { id: 4747 },
  'admin.userExists': { login: 'ivanov' },
  'admin.selfDemote': {},
  'admin.selfDisable': {},
  'admin.lastAdmin': { login: 'admin' },
  'admin.noTag': { id: 4848 },
  'admin.tagExists': { name: 'свет' },
  'admin.noContact': { id: 4949 },
  'admin.noRightsTarget': { scope: 'group', id: '5050' },
  'poll.notTallied': { id: 5151 },
  'poll.closeViewer': {},
  'reply.moveViewer': {},
  'reply.unknown': { id: 5 },
  'reply.notAReply': { id: 5 },
  'carriers.portBusy': { name: 'Модем 1', id: 'modem-1', path: '/dev/ttyUSB0' },
  'carriers.unknown': { id: 'smpp-mts' },
  'carriers.notConnected': { name: 'МТС', state: 'down', detail: 'bind refused' },
  'carriers.noHttpCarrier': { id: 'http-smsru' },
  'templates.rightsOnly': {},
  'templates.pollOptions': {},
  'templates.sharedAdminOnly': {},
  'templates.notYours': {},
  'templates.nameTaken': { name: 'Сбор' },
  'templates.unknown': { id: 5252 },
  'history.noContact': { id: 5353 },
  'history.noGroup': { id: 5454 },
  'history.noBroadcast': { id: 5555 },
  'history.staleCursor': {},
  'search.onlyExcluded': {},
  'timezone.unknown': { zone: 'Mars/Olympus' },
  'tariff.counts': { packages: 3 },
  'tariff.unknown': { id: 'gold', ids: 'company, employee' },
  'export.loginFirst': {},
  'export.gone': {},
  'export.cancelled': {},
  'import.uploadExpired': {},
  'import.nothingToUndo': {},
  'import.alreadyUndone': {},
  'file.empty': {},
  'file.notXlsx': {},
  'file.noSheets': {},
  'file.firstSheetEmpty': {},
  'file.oldXls': {},
  'file.unknownType': { fileName: 'staff.ods' },
  'mapping.noPhone': {},
  'mapping.noName': {},
  'mapping.columnMissing': { field: 'email' },
  'row.nameEmpty': {},
  'row.phoneEmpty': {},
  'row.email': { email: 'ivanov@' },
  'row.tag': { tag: 'a-b' },
  'row.active': { value: 'может' },
  'row.duplicatePhone': { row: 17 },
  ...SECURITY_SAMPLES,
};

// Params a Russian sentence tells in its own words rather than repeating (the rights scope).
const TRANSLATED_PARAMS: Partial<Record<MessageKey, string[]>> = { 'admin.noRightsTarget': ['scope'], 'store.readOnly': ['reason'] };
const CYRILLIC = /[а-яё]/i;

describe('station message catalog', () => {
  const keys = Object.keys(messages) as MessageKey[];

  it.each(keys)('%s renders in English and Russian with every param', (key) => {
    const m = { key, params: SAMPLES[key] } as Message;
    const en = render(m, 'en');
    const ru = render(m, 'ru');
    for (const text of [en, ru]) {
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(ru).not.toBe(en);
    expect(ru).toMatch(CYRILLIC);
    for (const [name, value] of Object.entries(SAMPLES[key])) {
      expect(en).toContain(String(value));
      if (!TRANSLATED_PARAMS[key]?.includes(name)) expect(ru).toContain(String(value));
    }
  });

  it('says "Обратитесь к администратору." where English says "Ask an administrator."', () => {
    for (const key of keys) {
      const m = { key, params: SAMPLES[key] } as Message;
      if (render(m, 'en').includes('Ask an administrator.')) expect(render(m, 'ru')).toContain('Обратитесь к администратору.');
    }
  });

  it('declines Russian numbers', () => {
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => plural(n, 'символ', 'символа', 'символов'))).toEqual([
      'символ', 'символа', 'символов', 'символов', 'символ', 'символа', 'символов',
    ]);
    expect(render(msg('send.tooLong', SAMPLES['send.tooLong']), 'ru')).toContain('1234 символа');
  });
});

describe('errors with a catalog message', () => {
  it('keep English as their message and tell the sentence in the language asked for', () => {
    const err = new StationError('bad_request', msg('send.unknownGroup', { id: 7 }), 'groups');
    expect(err.message).toBe('There is no group with id 7. Reload the group list.');
    expect(err.say('en')).toBe(err.message);
    expect(err.say('ru')).toBe('Группы с номером 7 нет. Обновите список групп.');
  });

  it('give domain errors a key whose English is the error’s own message', () => {
    const thrown: SaidError[] = [];
    const grab = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        thrown.push(err as SaidError);
      }
    };
    grab(() => normalizePhone('8 916 12'));
    grab(() => checkMapping({ phone: null, name: 0 } as never, 3));
    grab(() => checkMapping({ phone: 0, name: null } as never, 3));
    grab(() => checkMapping({ phone: 0, name: 1, email: 7 } as never, 3));
    thrown.push(new TimeZoneError('Mars/Olympus'));
    expect(thrown).toHaveLength(5);
    for (const err of thrown) {
      expect(render(err.said as Message, 'en')).toBe(err.message);
      const station = asStationError(err) as StationError;
      expect(station).toBeInstanceOf(StationError);
      expect(station.say('ru')).toMatch(CYRILLIC);
    }
    expect(thrown[0]).toBeInstanceOf(PhoneError);
  });

  it('gives import row reasons a key whose English is the reason', () => {
    const out = parseContactRow(['', '12', 'x@', 'a-b', 'может'], { name: 0, phone: 1, email: 2, tags: 3, active: 4 } as never, ['Имя', 'Телефон', 'Почта', 'Теги', 'Активен'], 2);
    if (out.kind !== 'error') throw new Error('expected row errors');
    expect(out.errors).toHaveLength(5);
    for (const e of out.errors) expect(render(e.said as Message, 'en')).toBe(e.reason);
  });
});

describe('Accept-Language', () => {
  it('gives English unless Russian is preferred', async () => {
    const { localeOfAcceptLanguage } = await import('../../main/station/i18n/accept-language.js');
    expect(localeOfAcceptLanguage(undefined)).toBe('en');
    expect(localeOfAcceptLanguage('de-DE')).toBe('en');
    expect(localeOfAcceptLanguage('ru')).toBe('ru');
    expect(localeOfAcceptLanguage('ru-RU,ru;q=0.9,en-US;q=0.8')).toBe('ru');
    expect(localeOfAcceptLanguage('en;q=0.9, ru;q=0.5')).toBe('en');
    expect(localeOfAcceptLanguage('ru;q=0')).toBe('en');
  });
});
