// What the station says about its locks: refused hosts and origins, login throttling, floods,
// sessions ended elsewhere, download tickets and uploads. Spread into the catalog (messages.ts).
import { entry, plural } from './catalog.js';

const seconds = (n: number) => `${n} ${plural(n, 'секунду', 'секунды', 'секунд')}`;
const minutes = (n: number) => `${n} ${plural(n, 'минуту', 'минуты', 'минут')}`;
const waitRu = (s: number) => (s >= 120 ? minutes(Math.ceil(s / 60)) : seconds(s));
const waitEn = (s: number) => (s >= 120 ? `${Math.ceil(s / 60)} min` : `${s} s`);

export const securityMessages = {
  // Someone a refusal or a tally would name, whom the reader's rights do not let them see.
  'sight.someone': entry({
    en: () => 'a recipient outside your rights',
    ru: () => 'получатель вне ваших прав',
  }),
  'http.badTarget': entry({
    en: () => 'The request path is malformed.',
    ru: () => 'Путь запроса записан неверно.',
  }),
  'http.unknownHost': entry<{ host: string }>({
    en: (p) => `This station does not answer to the name "${p.host}". An administrator can add it to server.hostnames in config.json.`,
    ru: (p) => `Станция не отвечает на имя «${p.host}». Администратор может добавить его в server.hostnames в config.json.`,
  }),
  'login.throttled': entry<{ seconds: number }>({
    en: (p) => `Too many wrong passwords. Wait ${waitEn(p.seconds)} and try again.`,
    ru: (p) => `Слишком много неверных паролей. Подождите ${waitRu(p.seconds)} и попробуйте снова.`,
  }),
  'login.locked': entry<{ seconds: number }>({
    en: (p) =>
      `Logins here are locked for ${waitEn(p.seconds)} after repeated wrong passwords. An administrator can unlock it sooner (Administration → Users).`,
    ru: (p) =>
      `Вход заблокирован на ${waitRu(p.seconds)} после повторных неверных паролей. Администратор может снять блокировку раньше (Администрирование → Пользователи).`,
  }),
  'login.busy': entry({
    en: () => 'The station is checking other logins right now. Try again in a few seconds.',
    ru: () => 'Станция сейчас проверяет другие входы. Попробуйте через несколько секунд.',
  }),
  'login.oneAtATime': entry({
    en: () => 'A login from this window is already being checked. Wait for its answer.',
    ru: () => 'Вход из этого окна уже проверяется. Дождитесь ответа.',
  }),
  'flood.tooFast': entry<{ seconds: number }>({
    en: (p) => `Too many requests from this desk. Wait ${waitEn(p.seconds)}.`,
    ru: (p) => `Слишком много запросов с этого места. Подождите ${waitRu(p.seconds)}.`,
  }),
  'export.ticketInvalid': entry({
    en: () => 'This download link has expired or was already used. Click Download again.',
    ru: () => 'Ссылка на файл устарела или уже использована. Нажмите «Скачать» ещё раз.',
  }),
  'export.notYours': entry({
    en: () => 'This export was started by someone else. Start your own export.',
    ru: () => 'Эту выгрузку запустил другой пользователь. Запустите свою.',
  }),
  'upload.loginFirst': entry({
    en: () => 'Log in first: uploads need a logged-in session or an API key.',
    ru: () => 'Сначала войдите: для загрузки нужен вход в систему или ключ API.',
  }),
  'upload.tooLarge': entry<{ megabytes: number }>({
    en: (p) => `The file is over ${p.megabytes} MB. Split it, or ask an administrator to raise server.uploads.maxBytes.`,
    ru: (p) => `Файл больше ${p.megabytes} МБ. Разделите его или попросите администратора увеличить server.uploads.maxBytes.`,
  }),
  'upload.busy': entry({
    en: () => 'Other files are being read right now. Try again in a minute.',
    ru: () => 'Сейчас читаются другие файлы. Попробуйте через минуту.',
  }),
  'upload.noName': entry({
    en: () => 'Name the file: send its name as ?name=contacts.xlsx.',
    ru: () => 'Укажите имя файла: передайте его как ?name=contacts.xlsx.',
  }),
  'file.tooManyRows': entry<{ max: number }>({
    en: (p) => `The file has more than ${p.max} rows. Split it into several files.`,
    ru: (p) => `В файле больше ${p.max} строк. Разделите его на несколько файлов.`,
  }),
  'file.tooManyColumns': entry<{ max: number }>({
    en: (p) => `The sheet has more than ${p.max} columns. Keep only the contact columns.`,
    ru: (p) => `В таблице больше ${p.max} колонок. Оставьте только колонки с данными сотрудников.`,
  }),
  'file.cellTooLong': entry<{ row: number; max: number }>({
    en: (p) => `A cell in row ${p.row} is longer than ${p.max} characters. Shorten it.`,
    ru: (p) => `Ячейка в строке ${p.row} длиннее ${p.max} символов. Сократите её.`,
  }),
  'file.inflatesTooMuch': entry<{ megabytes: number }>({
    en: (p) =>
      `This .xlsx would unpack to more than ${p.megabytes} MB, far more than a contact list needs: it is refused as a possible zip bomb. Save the sheet again in Excel, or as .csv.`,
    ru: (p) =>
      `Этот .xlsx распаковывается больше чем в ${p.megabytes} МБ — для списка сотрудников так не бывает, файл отклонён как возможная «zip-бомба». Сохраните таблицу в Excel заново или в формате .csv.`,
  }),
  'file.badZip': entry({
    en: () => 'This .xlsx is damaged (its zip structure does not read). Save it again in Excel, or as .csv.',
    ru: () => 'Файл .xlsx повреждён (не читается его zip-структура). Сохраните его в Excel заново или в формате .csv.',
  }),
  'read.noExport': entry({
    en: () => 'Viewers may not export. Ask an administrator for the file.',
    ru: () => 'Наблюдатель не может выгружать данные. Попросите файл у администратора.',
  }),
  'import.notAllowed': entry({
    en: () => 'Only an administrator may load contacts.',
    ru: () => 'Загружать сотрудников может только администратор.',
  }),
};
