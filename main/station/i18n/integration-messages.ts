// What the station says to an administrator setting up the integration doors: API keys (owner,
// limits, revoking), the MTS sign-in old scripts use (issue 15) and the mail aliases of groups.
// Spread into the catalog (messages.ts).
import { entry } from './catalog.js';

export const integrationMessages = {
  'integrations.notRunning': entry({
    en: () => 'The integrations are not running on this station. Restart it.',
    ru: () => 'Интеграции на этой станции не запущены. Перезапустите станцию.',
  }),
  'apikey.noKey': entry<{ id: number }>({
    en: (p) => `There is no API key ${p.id}. Reload the API keys screen.`,
    ru: (p) => `API-ключа ${p.id} нет. Обновите список ключей.`,
  }),
  'apikey.alreadyRevoked': entry<{ prefix: string }>({
    en: (p) => `The key ${p.prefix}… was already revoked.`,
    ru: (p) => `Ключ ${p.prefix}… уже отозван.`,
  }),
  'apikey.badLimit': entry({
    en: () => 'A rate limit is a whole number of calls from 1 to 10,000,000.',
    ru: () => 'Лимит — целое число вызовов от 1 до 10 000 000.',
  }),
  'apikey.noUserId': entry<{ id: number }>({
    en: (p) => `There is no user ${p.id}. Reload the API keys screen.`,
    ru: (p) => `Пользователя ${p.id} нет. Обновите список ключей.`,
  }),
  'apikey.noUser': entry<{ login: string }>({
    en: (p) => `There is no user "${p.login}". Create the user first.`,
    ru: (p) => `Пользователя «${p.login}» нет. Сначала создайте его.`,
  }),
  'apikey.userDisabled': entry<{ login: string }>({
    en: (p) => `User "${p.login}" is disabled; enable the user first.`,
    ru: (p) => `Пользователь «${p.login}» отключён; сначала включите его.`,
  }),
  'm2m.keyRevoked': entry<{ prefix: string }>({
    en: (p) => `The key ${p.prefix}… was revoked; set the MTS sign-in on a live key.`,
    ru: (p) => `Ключ ${p.prefix}… отозван; вход МТС задаётся действующему ключу.`,
  }),
  'm2m.badLogin': entry({
    en: () => 'The MTS login is 1 to 100 characters without spaces, e.g. the login the script already has.',
    ru: () => 'Логин МТС — от 1 до 100 знаков без пробелов, например тот, что уже есть в скрипте.',
  }),
  'm2m.shortPassword': entry({
    en: () => 'The MTS password is 8 to 200 characters.',
    ru: () => 'Пароль МТС — от 8 до 200 знаков.',
  }),
  'm2m.shortToken': entry({
    en: () => 'The MTS token is at least 16 characters (the operator issued 36-character tokens).',
    ru: () => 'Токен МТС — не короче 16 знаков (оператор выдавал токены из 36 знаков).',
  }),
  'm2m.passwordNeedsLogin': entry({
    en: () => 'An MTS password needs an MTS login to go with it.',
    ru: () => 'Паролю МТС нужен логин МТС.',
  }),
  'm2m.loginTaken': entry<{ login: string }>({
    en: (p) => `Another key already signs in as "${p.login}". Pick another login or change that key first.`,
    ru: (p) => `Под логином «${p.login}» уже входит другой ключ. Выберите другой логин или сначала измените тот ключ.`,
  }),
  'm2m.tokenTaken': entry({
    en: () => 'Another key already has this MTS token.',
    ru: () => 'Этот токен МТС уже задан другому ключу.',
  }),
  'mail.noGroup': entry<{ id: number }>({
    en: (p) => `There is no group ${p.id}. Reload the screen.`,
    ru: (p) => `Группы ${p.id} нет. Обновите экран.`,
  }),
  'mail.badAlias': entry({
    en: () => 'A mail alias is 1 to 64 Latin letters, digits, dots, dashes or underscores, e.g. brigada1.',
    ru: () => 'Почтовый псевдоним — от 1 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний, например brigada1.',
  }),
  'mail.reservedAlias': entry<{ alias: string }>({
    en: (p) => `"${p.alias}" is taken by mail2sms itself (the tags address, or a phone number). Pick another alias.`,
    ru: (p) => `«${p.alias}» занят самим mail2sms (адрес для тегов или номер телефона). Выберите другой псевдоним.`,
  }),
  'mail.aliasTaken': entry<{ alias: string }>({
    en: (p) => `Another group already has the alias "${p.alias}".`,
    ru: (p) => `Псевдоним «${p.alias}» уже у другой группы.`,
  }),
};
