// What the station says about the control room's own actions: moving and cancelling broadcasts,
// editing people and groups, configuring carriers and doors. Spread into messages.ts, so the
// catalog stays one map while this part changes without touching everyone's hot spot.
import { entry } from './catalog.js';

export const controlRoomMessages = {
  // --- Mail doors and webhooks configured on screen (door-config/handlers.ts) ---------------
  'doors.required': entry<{ field: string }>({
    en: (p) => `Fill in "${p.field}" to switch this door on.`,
    ru: (p) => `Заполните «${p.field}», чтобы включить этот шлюз.`,
  }),
  'doors.senderAddress': entry<{ address: string }>({
    en: (p) => `"${p.address}" is not a mail address.`,
    ru: (p) => `«${p.address}» — не адрес электронной почты.`,
  }),
  'doors.senderUser': entry<{ address: string; login: string }>({
    en: (p) => `Mail from ${p.address} would send as "${p.login}", but there is no such user. Create the user or pick another.`,
    ru: (p) => `Письма с ${p.address} отправлялись бы от имени «${p.login}», но такого пользователя нет. Создайте его или выберите другого.`,
  }),
  'doors.startFailed': entry<{ reason: string }>({
    en: (p) => `The mail door could not start with these settings (${p.reason}); the previous ones stay in use.`,
    ru: (p) => `Почтовый шлюз не запустился с этими настройками (${p.reason}); работают прежние.`,
  }),
  'doors.notRunning': entry({
    en: () => 'The SMTP door is off: switch it on and save, then test it.',
    ru: () => 'SMTP-шлюз выключен: включите его, сохраните и проверьте снова.',
  }),
  'doors.webhookSecret': entry<{ url: string }>({
    en: (p) => `${p.url} needs a signing secret of 16 characters or more.`,
    ru: (p) => `Для ${p.url} нужен ключ подписи не короче 16 символов.`,
  }),
  'doors.webhookTwice': entry({
    en: () => 'The same address is listed twice: keep one and tick all its events there.',
    ru: () => 'Один адрес указан дважды: оставьте один и отметьте в нём все события.',
  }),
  'doors.webhookUnknown': entry<{ url: string }>({
    en: (p) => `${p.url} is not a configured webhook: save it first, then test it.`,
    ru: (p) => `${p.url} нет среди настроенных вебхуков: сначала сохраните, затем проверьте.`,
  }),
  // --- Carriers configured on screen (carrier-config/handlers.ts) --------------------------
  'carriers.config.required': entry<{ field: string }>({
    en: (p) => `Fill in "${p.field}": the route cannot connect without it.`,
    ru: (p) => `Заполните «${p.field}»: без этого канал не подключится.`,
  }),
  'carriers.config.pin': entry({
    en: () => 'A SIM PIN is 4 to 8 digits.',
    ru: () => 'PIN-код SIM-карты — от 4 до 8 цифр.',
  }),
  'carriers.config.notSecret': entry<{ field: string }>({
    en: (p) => `"${p.field}" is not a secret of this kind of route.`,
    ru: (p) => `«${p.field}» — не секретное поле этого вида канала.`,
  }),
  'carriers.config.invalid': entry<{ field: string; issue: string }>({
    en: (p) => `${p.field}: ${p.issue}. Correct the field and save again.`,
    ru: (p) => `${p.field}: ${p.issue}. Исправьте поле и сохраните снова.`,
  }),
  'carriers.config.fixed': entry<{ id: string }>({
    en: (p) => `The route "${p.id}" was given when the station started (--carrier or the service's settings); change it there.`,
    ru: (p) => `Канал «${p.id}» задан при запуске станции (--carrier или настройки службы); меняйте его там.`,
  }),
  'carriers.config.unknown': entry<{ id: string }>({
    en: (p) => `There is no route "${p.id}" any more. Reload the carriers screen.`,
    ru: (p) => `Канала «${p.id}» больше нет. Обновите экран каналов.`,
  }),
  'carriers.config.reorderMismatch': entry({
    en: () => 'The order names not exactly the routes there are: reload the carriers screen and try again.',
    ru: () => 'Порядок задан не для всех каналов: обновите экран каналов и повторите.',
  }),
  // --- People and groups on screen (directory/handlers.ts) ---------------------------------
  'directory.adminOnly': entry({
    en: () => 'Only an administrator can change people and groups. Ask an administrator.',
    ru: () => 'Менять сотрудников и группы может только администратор. Обратитесь к администратору.',
  }),
  'directory.nameEmpty': entry({
    en: () => 'Write the person’s name.',
    ru: () => 'Напишите имя сотрудника.',
  }),
  'directory.phoneEmpty': entry({
    en: () => 'Write the phone number, e.g. +7 916 123-45-67.',
    ru: () => 'Напишите номер телефона, например +7 916 123-45-67.',
  }),
  'directory.email': entry<{ email: string }>({
    en: (p) => `"${p.email}" is not an e-mail address; correct it or leave the field empty.`,
    ru: (p) => `«${p.email}» — не адрес электронной почты; исправьте его или оставьте поле пустым.`,
  }),
  'directory.phoneTaken': entry<{ phone: string; name: string }>({
    en: (p) => `${p.phone} is already ${p.name}'s number: open that person instead, or correct the number.`,
    ru: (p) => `Номер ${p.phone} уже записан за «${p.name}»: откройте этого сотрудника или исправьте номер.`,
  }),
  'directory.noContact': entry<{ id: number }>({
    en: (p) => `There is no contact ${p.id} any more. Reload the list.`,
    ru: (p) => `Сотрудника ${p.id} больше нет. Обновите список.`,
  }),
  'directory.noGroup': entry<{ id: number }>({
    en: (p) => `There is no group ${p.id} any more. Reload the tree.`,
    ru: (p) => `Группы ${p.id} больше нет. Обновите дерево групп.`,
  }),
  'directory.groupNameTaken': entry<{ name: string }>({
    en: (p) => `There is already a group "${p.name}" at this level: choose another name.`,
    ru: (p) => `На этом уровне уже есть группа «${p.name}»: выберите другое название.`,
  }),
  'directory.groupCycle': entry<{ name: string; parent: string }>({
    en: (p) => `"${p.name}" cannot go under "${p.parent}": that group is inside it.`,
    ru: (p) => `«${p.name}» нельзя вложить в «${p.parent}»: та группа находится внутри неё.`,
  }),
  'directory.groupHasChildren': entry<{ name: string; count: number }>({
    en: (p) => `"${p.name}" has ${p.count} subgroup(s): move or delete them first.`,
    ru: (p) => `В группе «${p.name}» есть подгруппы (${p.count}): сначала перенесите или удалите их.`,
  }),
  'directory.reorderMismatch': entry({
    en: () => 'The groups to order are not exactly this level’s children: reload the tree and try again.',
    ru: () => 'Порядок задан не для всех групп этого уровня: обновите дерево и повторите.',
  }),
  'send.rescheduleNotAuthor': entry({
    en: () => "Only its author, an administrator or a dispatcher allowed to manage others' broadcasts can move this broadcast to another time.",
    ru: () => 'Перенести эту рассылку может только её автор, администратор или диспетчер с правом управлять чужими рассылками.',
  }),
  'send.rescheduleStarted': entry<{ id: number }>({
    en: (p) => `Broadcast ${p.id} is already going out; only a broadcast that has not started can be moved. Cancel what is still queued instead.`,
    ru: (p) => `Рассылка ${p.id} уже отправляется; перенести можно только ту, что ещё не началась. Отмените то, что осталось в очереди.`,
  }),
  'send.rescheduleCancelled': entry<{ id: number }>({
    en: (p) => `Broadcast ${p.id} was cancelled; there is nothing left to move.`,
    ru: (p) => `Рассылка ${p.id} отменена; переносить нечего.`,
  }),
};
