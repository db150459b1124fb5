// Every sentence the station says to a person, in English and Russian. Keys name the situation;
// params are the facts the sentence needs. English is also what logs, REST and scripts see by default.
// Russian is written the way a dispatcher would say it: short, direct, "Обратитесь к администратору."
import { entry, plural } from './catalog.js';
import { securityMessages } from './security-messages.js';
import { planMessages } from './plan-messages.js';
import { controlRoomMessages } from './control-room-messages.js';
import { storeMessages } from './store-messages.js';
import { carrierTexts } from './carrier-texts.js';
import { integrationMessages } from './integration-messages.js';

const sms = (n: number) => `${n} SMS`;
const chars = (n: number) => `${n} ${plural(n, 'символ', 'символа', 'символов')}`;

export const messages = {
  ...securityMessages,
  ...planMessages,
  // The control room's own sentences (safe actions, directory, configuration): their own file.
  ...controlRoomMessages,
  ...storeMessages,
  // What carriers say (link states, SMS errors, probe verdicts), told at the control room's boundary.
  ...carrierTexts,
  ...integrationMessages,
  // --- Sending: Dispatcher.send / preview ---------------------------------------------------
  'send.empty': entry({
    en: () => 'The message is empty. Write the text to send.',
    ru: () => 'Сообщение пустое. Напишите текст.',
  }),
  'send.tooLong': entry<{ characters: number; segments: number; max: number; maxCyrillic: number; maxLatin: number }>({
    en: (p) =>
      `The message is ${p.characters} characters, ${p.segments} SMS; the limit is ${p.max} SMS ` +
      `(${p.maxCyrillic} characters in Cyrillic, ${p.maxLatin} in Latin). Shorten it.`,
    ru: (p) =>
      `В сообщении ${chars(p.characters)}, это ${sms(p.segments)}; можно не больше ${sms(p.max)} ` +
      `(${chars(p.maxCyrillic)} кириллицей, ${p.maxLatin} латиницей). Сократите текст.`,
  }),
  'send.noRecipients': entry({
    en: () => 'Choose at least one recipient: a group, a contact, a tag or a phone number.',
    ru: () => 'Выберите хотя бы одного получателя: группу, сотрудника, тег или номер телефона.',
  }),
  'send.orderWithoutNumber': entry({
    en: () => 'An order needs its number: write it in the text as #4711 or fill in the order number.',
    ru: () => 'У распоряжения должен быть номер: напишите его в тексте как #4711 или заполните поле номера.',
  }),
  'send.pollOptions': entry({
    en: () => 'A poll needs at least two answer options.',
    ru: () => 'В опросе нужно не меньше двух вариантов ответа.',
  }),
  'send.unknownContact': entry<{ id: number }>({
    en: (p) => `There is no contact with id ${p.id}. Reload the contact list.`,
    ru: (p) => `Сотрудника с номером записи ${p.id} нет. Обновите список сотрудников.`,
  }),
  'send.unknownGroup': entry<{ id: number }>({
    en: (p) => `There is no group with id ${p.id}. Reload the group list.`,
    ru: (p) => `Группы с номером ${p.id} нет. Обновите список групп.`,
  }),
  'send.unknownEscalationGroup': entry<{ id: number }>({
    en: (p) => `There is no group with id ${p.id} to escalate to. Reload the group list.`,
    ru: (p) => `Группы с номером ${p.id} для эскалации нет. Обновите список групп.`,
  }),
  'send.unknownTag': entry<{ name: string }>({
    en: (p) => `There is no tag #${p.name}. Check the spelling or create the tag first.`,
    ru: (p) => `Тега #${p.name} нет. Проверьте написание или сначала создайте тег.`,
  }),
  'send.noBroadcast': entry<{ id: number }>({
    en: (p) => `There is no broadcast ${p.id}. Reload the board.`,
    ru: (p) => `Рассылки ${p.id} нет. Обновите табло.`,
  }),
  'send.cancelNotAuthor': entry({
    en: () => "Only its author, an administrator or a dispatcher allowed to manage others' broadcasts can cancel this broadcast.",
    ru: () => 'Отменить эту рассылку может только её автор, администратор или диспетчер с правом управлять чужими рассылками.',
  }),
  'send.closeNotAuthor': entry({
    en: () => "Only its author, an administrator or a dispatcher allowed to manage others' broadcasts can close this poll or confirmation.",
    ru: () => 'Закрыть этот опрос или запрос подтверждения может только его автор, администратор или диспетчер с правом управлять чужими рассылками.',
  }),
  'send.testRefused': entry({
    en: () => 'The test SMS was not accepted. Check the phone number.',
    ru: () => 'Тестовое SMS не принято. Проверьте номер телефона.',
  }),
  'phone.invalid': entry<{ input: string }>({
    en: (p) => `"${p.input}" is not a valid phone number. Write it as +7 916 123-45-67 or 8 916 123-45-67.`,
    ru: (p) => `«${p.input}» — не номер телефона. Пишите так: +7 916 123-45-67 или 8 916 123-45-67.`,
  }),

  // --- Refusals: a recipient left out of a send ----------------------------------------------
  'refusal.contactInactive': entry({
    en: () => 'The contact is marked inactive.',
    ru: () => 'Сотрудник отмечен как неактивный.',
  }),
  'refusal.phoneInactive': entry<{ name: string }>({
    en: (p) => `${p.name} is marked inactive.`,
    ru: (p) => `${p.name}: отмечен как неактивный.`,
  }),
  'refusal.viewer': entry({
    en: () => 'Your role (viewer) may not send messages. Ask an administrator.',
    ru: () => 'Ваша роль (наблюдатель) не позволяет отправлять сообщения. Обратитесь к администратору.',
  }),
  'refusal.noRight': entry({
    en: () => 'You have no right to send to this person. Ask an administrator.',
    ru: () => 'У вас нет права писать этому сотруднику. Обратитесь к администратору.',
  }),
  'refusal.escalationNoRight': entry<{ author: string }>({
    en: (p) => `The alert's author (${p.author}) may not send to this person, so the escalation did not alert them. Ask an administrator.`,
    ru: (p) => `У автора тревоги (${p.author}) нет права писать этому сотруднику, поэтому эскалация его не оповестила. Обратитесь к администратору.`,
  }),
  'refusal.authorDisabled': entry<{ author: string }>({
    en: (p) => `The alert's author (${p.author}) is disabled, so its escalation alerts nobody. Ask an administrator.`,
    ru: (p) => `Автор тревоги (${p.author}) отключён, поэтому её эскалация никого не оповещает. Обратитесь к администратору.`,
  }),
  'refusal.escalationGroup': entry({
    en: () => 'You may not alert this whole group, so it was left out of the escalation chain. Ask an administrator.',
    ru: () => 'У вас нет права оповещать всю эту группу, поэтому она исключена из цепочки эскалации. Обратитесь к администратору.',
  }),

  // --- Login, session, frames ----------------------------------------------------------------
  'session.wrongLogin': entry({
    en: () => 'Wrong login or password.',
    ru: () => 'Неверный логин или пароль.',
  }),
  'session.expired': entry({
    en: () => 'Your session has expired. Log in again.',
    ru: () => 'Сеанс истёк. Войдите снова.',
  }),
  'session.ended': entry({
    en: () => 'Your session has ended (expired, or closed by an administrator). Log in again.',
    ru: () => 'Сеанс завершён (истёк или закрыт администратором). Войдите снова.',
  }),
  'session.loginFirst': entry({
    en: () => 'Log in first.',
    ru: () => 'Сначала войдите в систему.',
  }),
  'frame.notJson': entry({
    en: () => 'A frame must be JSON: {"id", "method", "params"}.',
    ru: () => 'Кадр должен быть JSON: {"id", "method", "params"}.',
  }),
  'frame.unknownRequest': entry<{ method: string }>({
    en: (p) => `Unknown request "${p.method}".`,
    ru: (p) => `Неизвестный запрос «${p.method}».`,
  }),
  // `issue` is the schema checker's own (English) sentence; the field name is what matters.
  'frame.invalid': entry<{ field: string; issue: string }>({
    en: (p) => `Invalid ${p.field || 'request'}: ${p.issue}.`,
    ru: (p) => (p.field ? `Неверное поле «${p.field}»: ${p.issue}.` : `Неверный запрос: ${p.issue}.`),
  }),
  internal: entry({
    en: () => 'The station hit an internal error; it is logged.',
    ru: () => 'Внутренняя ошибка станции; она записана в журнал.',
  }),
  'http.methodNotAllowed': entry<{ method: string; allowed: string }>({
    en: (p) => `${p.method} is not supported here. Use ${p.allowed}.`,
    ru: (p) => `${p.method} здесь не поддерживается. Используйте ${p.allowed}.`,
  }),

  // --- Admin-only and management -------------------------------------------------------------
  'admin.only': entry({
    en: () => 'Only an administrator can do this. Ask one.',
    ru: () => 'Это может сделать только администратор. Обратитесь к нему.',
  }),
  'admin.carriersOnly': entry({
    en: () => 'Only an administrator can manage carriers. Ask one.',
    ru: () => 'Каналами связи управляет только администратор. Обратитесь к нему.',
  }),
  'admin.integrationsOnly': entry({
    en: () => 'Only an administrator can manage API keys and webhooks. Ask one.',
    ru: () => 'API-ключами и вебхуками управляет только администратор. Обратитесь к нему.',
  }),
  'admin.noUser': entry<{ id: number }>({
    en: (p) => `There is no user ${p.id}. Reload the users list.`,
    ru: (p) => `Пользователя ${p.id} нет. Обновите список пользователей.`,
  }),
  'admin.noUserRights': entry<{ id: number }>({
    en: (p) => `There is no user ${p.id}. Reload the rights screen.`,
    ru: (p) => `Пользователя ${p.id} нет. Обновите экран прав.`,
  }),
  'admin.userExists': entry<{ login: string }>({
    en: (p) => `A user with login "${p.login}" already exists. Pick another login.`,
    ru: (p) => `Пользователь с логином «${p.login}» уже есть. Выберите другой логин.`,
  }),
  'admin.selfDemote': entry({
    en: () => 'You cannot take the administrator role from yourself; ask another administrator.',
    ru: () => 'Нельзя снять роль администратора с самого себя; попросите другого администратора.',
  }),
  'admin.selfDisable': entry({
    en: () => 'You cannot disable your own account; ask another administrator.',
    ru: () => 'Нельзя отключить собственную учётную запись; попросите другого администратора.',
  }),
  'admin.lastAdmin': entry<{ login: string }>({
    en: (p) => `"${p.login}" is the last active administrator; make another user an administrator first.`,
    ru: (p) => `«${p.login}» — последний активный администратор; сначала назначьте администратором другого пользователя.`,
  }),
  'admin.noTag': entry<{ id: number }>({
    en: (p) => `There is no tag ${p.id}. Reload the tags list.`,
    ru: (p) => `Тега ${p.id} нет. Обновите список тегов.`,
  }),
  'admin.tagExists': entry<{ name: string }>({
    en: (p) => `The tag #${p.name} already exists.`,
    ru: (p) => `Тег #${p.name} уже есть.`,
  }),
  'admin.noContact': entry<{ id: number }>({
    en: (p) => `There is no contact ${p.id}.`,
    ru: (p) => `Сотрудника ${p.id} нет.`,
  }),
  'admin.noRightsTarget': entry<{ scope: string; id: string }>({
    en: (p) => `The ${p.scope} ${p.id} does not exist. Reload the rights screen.`,
    ru: (p) => `${SCOPE_RU[p.scope] ?? p.scope} ${p.id} не существует. Обновите экран прав.`,
  }),
  'poll.notTallied': entry<{ id: number }>({
    en: (p) => `Broadcast ${p.id} is not a poll or a confirmation.`,
    ru: (p) => `Рассылка ${p.id} — не опрос и не запрос подтверждения.`,
  }),
  'reply.moveViewer': entry({
    en: () => 'A viewer cannot move a reply to another broadcast. Ask a dispatcher.',
    ru: () => 'Наблюдатель не может перенести ответ в другую рассылку. Обратитесь к диспетчеру.',
  }),
  'reply.unknown': entry<{ id: number }>({
    en: (p) => `There is no message ${p.id}. Reload the feed.`,
    ru: (p) => `Сообщения ${p.id} нет. Обновите ленту.`,
  }),
  'reply.notAReply': entry<{ id: number }>({
    en: (p) => `Message ${p.id} is an outgoing SMS, not a reply: only replies can be moved.`,
    ru: (p) => `Сообщение ${p.id} — исходящее, а не ответ: переносить можно только ответы.`,
  }),
  'poll.closeViewer': entry({
    en: () => 'A viewer cannot close a poll. Ask a dispatcher.',
    ru: () => 'Наблюдатель не может закрыть опрос. Обратитесь к диспетчеру.',
  }),
  'carriers.portBusy': entry<{ name: string; id: string; path: string }>({
    en: (p) =>
      `The modem route "${p.name}" (${p.id}) is using ${p.path}; a probe would cut into its commands. ` +
      `Its state and what the modem said are on its card. To probe this port, take it out of config.json and restart the station.`,
    ru: (p) =>
      `Порт ${p.path} занят модемом «${p.name}» (${p.id}); проверка помешала бы его командам. ` +
      `Состояние модема и его ответы — на его карточке. Чтобы проверить порт, уберите модем из config.json и перезапустите станцию.`,
  }),
  'carriers.unknown': entry<{ id: string }>({
    en: (p) => `There is no carrier "${p.id}". Reload the carriers panel.`,
    ru: (p) => `Канала связи «${p.id}» нет. Обновите панель каналов.`,
  }),
  'carriers.notConnected': entry<{ name: string; state: string; detail: string }>({
    en: (p) => `"${p.name}" is ${p.state}${p.detail ? ` (${p.detail})` : ''}. A test send needs it connected; wait for it or fix what its card says.`,
    ru: (p) =>
      `«${p.name}» не на связи (${p.state}${p.detail ? `: ${p.detail}` : ''}). Для тестовой отправки канал должен быть подключён; ` +
      `подождите или исправьте то, что написано на его карточке.`,
  }),
  'carriers.noHttpCarrier': entry<{ id: string }>({
    en: (p) => `No HTTP carrier "${p.id}" is configured.`,
    ru: (p) => `HTTP-канал «${p.id}» не настроен.`,
  }),

  // --- Templates -------------------------------------------------------------------------------
  'templates.rightsOnly': entry({
    en: () => 'Only a dispatcher or an administrator can change templates.',
    ru: () => 'Шаблоны может менять только диспетчер или администратор.',
  }),
  'templates.sharedAdminOnly': entry({
    en: () => 'Shared templates are the administrators’: only an administrator can share, change or delete one. Save your own copy instead.',
    ru: () => 'Общие шаблоны ведут администраторы: делать шаблон общим, менять и удалять общие может только администратор. Сохраните свою копию.',
  }),
  'templates.notYours': entry({
    en: () => 'This template is another dispatcher’s own: only they or an administrator can change or delete it.',
    ru: () => 'Это личный шаблон другого диспетчера: менять и удалять его может только он или администратор.',
  }),
  'templates.pollOptions': entry({
    en: () => 'A poll template needs at least two answer options.',
    ru: () => 'В шаблоне опроса нужно не меньше двух вариантов ответа.',
  }),
  'templates.nameTaken': entry<{ name: string }>({
    en: (p) => `A template named “${p.name}” already exists. Choose another name.`,
    ru: (p) => `Шаблон «${p.name}» уже есть. Выберите другое название.`,
  }),
  'templates.unknown': entry<{ id: number }>({
    en: (p) => `There is no template ${p.id}. Reload the template list.`,
    ru: (p) => `Шаблона ${p.id} нет. Обновите список шаблонов.`,
  }),

  // --- History, search, exports ----------------------------------------------------------------
  'history.noContact': entry<{ id: number }>({
    en: (p) => `Employee ${p.id} does not exist (any more): refresh the list.`,
    ru: (p) => `Сотрудника ${p.id} нет (уже нет): обновите список.`,
  }),
  'history.noGroup': entry<{ id: number }>({
    en: (p) => `Group ${p.id} does not exist (any more): refresh the list.`,
    ru: (p) => `Группы ${p.id} нет (уже нет): обновите список.`,
  }),
  'history.noBroadcast': entry<{ id: number }>({
    en: (p) => `Broadcast ${p.id} does not exist: it may have been deleted.`,
    ru: (p) => `Рассылки ${p.id} нет: возможно, её удалили.`,
  }),
  'history.staleCursor': entry({
    en: () => 'This page link is no longer valid: start the search again from the first page.',
    ru: () => 'Эта страница результатов устарела: начните поиск заново с первой страницы.',
  }),
  'search.onlyExcluded': entry({
    en: () => 'A search cannot consist only of excluded words: add a word, a phrase or a #tag to look for.',
    ru: () => 'Поиск не может состоять только из исключённых слов: добавьте слово, фразу или #тег.',
  }),
  'timezone.unknown': entry<{ zone: string }>({
    en: (p) => `"${p.zone}" is not a time zone this computer knows. Use a name like Europe/Moscow or Asia/Yekaterinburg.`,
    ru: (p) => `Часовой пояс «${p.zone}» этому компьютеру неизвестен. Укажите, например, Europe/Moscow или Asia/Yekaterinburg.`,
  }),
  'tariff.counts': entry<{ packages: number }>({
    en: (p) => `Choose how many of each of the ${p.packages} packages to buy (whole numbers, 0 or more).`,
    ru: (p) => `Укажите, сколько пакетов каждого вида (их ${p.packages}) купить: целые числа, от 0.`,
  }),
  'tariff.unknown': entry<{ id: string; ids: string }>({
    en: (p) => `There is no tariff "${p.id}": choose one of ${p.ids}.`,
    ru: (p) => `Тарифа «${p.id}» нет: выберите один из: ${p.ids}.`,
  }),
  'export.loginFirst': entry({
    en: () => 'Log in to the control room to download exports.',
    ru: () => 'Чтобы скачать выгрузку, войдите в пульт.',
  }),
  'export.gone': entry({
    en: () => 'This export is not ready or no longer kept. Start it again.',
    ru: () => 'Выгрузка ещё не готова или уже удалена. Запустите её снова.',
  }),
  'export.cancelled': entry({
    en: () => 'The export was cancelled; no file was kept.',
    ru: () => 'Выгрузка отменена; файл не сохранён.',
  }),

  // --- Contact import: the file, the mapping, each row ------------------------------------------
  'import.uploadExpired': entry({
    en: () => 'The uploaded file is no longer here (it is kept 30 minutes): choose the file again.',
    ru: () => 'Загруженный файл уже удалён (он хранится 30 минут): выберите файл заново.',
  }),
  'import.nothingToUndo': entry({
    en: () => 'There is no contact import to undo.',
    ru: () => 'Нет импорта сотрудников, который можно отменить.',
  }),
  'import.alreadyUndone': entry({
    en: () => 'The last contact import has already been undone; only the last one can be.',
    ru: () => 'Последний импорт сотрудников уже отменён; отменить можно только последний.',
  }),
  'file.empty': entry({
    en: () => 'The file is empty: save the spreadsheet with a header row and contacts below it.',
    ru: () => 'Файл пустой: сохраните таблицу со строкой заголовков и сотрудниками под ней.',
  }),
  'file.notXlsx': entry({
    en: () => 'This is not a readable .xlsx file: open it in Excel and save it again as .xlsx or .csv.',
    ru: () => 'Файл .xlsx не читается: откройте его в Excel и сохраните заново как .xlsx или .csv.',
  }),
  'file.noSheets': entry({
    en: () => 'The workbook has no sheets.',
    ru: () => 'В книге нет ни одного листа.',
  }),
  'file.firstSheetEmpty': entry({
    en: () => 'The first sheet is empty: put a header row and contacts below it.',
    ru: () => 'Первый лист пустой: добавьте строку заголовков и сотрудников под ней.',
  }),
  'file.oldXls': entry({
    en: () => 'Old .xls files are not read: open the file in Excel and save it as .xlsx or .csv.',
    ru: () => 'Старые файлы .xls не читаются: откройте файл в Excel и сохраните как .xlsx или .csv.',
  }),
  'file.unknownType': entry<{ fileName: string }>({
    en: (p) => `"${p.fileName}" is neither .xlsx nor .csv: save the spreadsheet in one of those formats.`,
    ru: (p) => `«${p.fileName}» — не .xlsx и не .csv: сохраните таблицу в одном из этих форматов.`,
  }),
  'mapping.noPhone': entry({
    en: () => 'No column is chosen for the phone number: pick it in the preview, then import again.',
    ru: () => 'Не выбрана колонка с номером телефона: укажите её в предпросмотре и повторите импорт.',
  }),
  'mapping.noName': entry({
    en: () => 'No column is chosen for the name: pick it in the preview, then import again.',
    ru: () => 'Не выбрана колонка с именем: укажите её в предпросмотре и повторите импорт.',
  }),
  'mapping.columnMissing': entry<{ field: string }>({
    en: (p) => `The column chosen for "${p.field}" is not in this file: check the mapping in the preview.`,
    ru: (p) => `Колонки, выбранной для «${p.field}», в этом файле нет: проверьте сопоставление в предпросмотре.`,
  }),
  'row.nameEmpty': entry({
    en: () => 'The name is empty: fill it in or delete the row.',
    ru: () => 'Имя не заполнено: заполните его или удалите строку.',
  }),
  'row.phoneEmpty': entry({
    en: () => 'The phone number is empty: fill it in or delete the row.',
    ru: () => 'Номер телефона не заполнен: заполните его или удалите строку.',
  }),
  'row.email': entry<{ email: string }>({
    en: (p) => `"${p.email}" is not an e-mail address; correct it or leave the cell empty.`,
    ru: (p) => `«${p.email}» — не адрес электронной почты; исправьте его или оставьте ячейку пустой.`,
  }),
  'row.tag': entry<{ tag: string }>({
    en: (p) => `"#${p.tag}" is not a usable tag: use letters, digits and "_" only, up to 64.`,
    ru: (p) => `«#${p.tag}» не годится как тег: только буквы, цифры и «_», не длиннее 64.`,
  }),
  'row.active': entry<{ value: string }>({
    en: (p) => `"${p.value}" is neither yes nor no: write "да" or "нет".`,
    ru: (p) => `«${p.value}» — не «да» и не «нет»: напишите «да» или «нет».`,
  }),
  'row.duplicatePhone': entry<{ row: number }>({
    en: (p) => `This phone is already in row ${p.row}; the row was skipped. Merge the two rows if both are needed.`,
    ru: (p) => `Этот номер уже есть в строке ${p.row}; строка пропущена. Если нужны обе, объедините их.`,
  }),
};

const SCOPE_RU: Record<string, string> = { group: 'Группа', contact: 'Сотрудник', tag: 'Тег' };

export type MessageKey = keyof typeof messages;
export type ParamsOf<K extends MessageKey> = Parameters<(typeof messages)[K]['en']>[0];
