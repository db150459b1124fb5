// What the station says about alert plans, rosters and calls, in English and Russian. Spread
// into the one catalog (messages.ts), so keys and params are checked the same way.
import { entry } from './catalog.js';

export const planMessages = {
  'plans.unknown': entry<{ plan: string }>({
    en: (p) => `There is no alert plan "${p.plan}". Check the code on the plans panel.`,
    ru: (p) => `Сценария «${p.plan}» нет. Проверьте код на панели сценариев.`,
  }),
  'plans.codeTaken': entry<{ code: string }>({
    en: (p) => `Another plan already has the code "${p.code}". Give this one its own.`,
    ru: (p) => `Код «${p.code}» уже занят другим сценарием. Дайте этому свой.`,
  }),
  'plans.adminOnly': entry({
    en: () => 'Only an administrator can create, change or delete alert plans.',
    ru: () => 'Создавать, менять и удалять сценарии может только администратор.',
  }),
  'plans.rosterWriters': entry({
    en: () => 'Only dispatchers and administrators can change rosters.',
    ru: () => 'Менять графики дежурств могут только диспетчеры и администраторы.',
  }),
  'plans.fieldMissing': entry<{ fields: string }>({
    en: (p) => `Fill in ${p.fields} before launching the plan.`,
    ru: (p) => `Заполните ${p.fields}, затем запускайте сценарий.`,
  }),
  'plans.fieldUnknown': entry<{ field: string; plan: string }>({
    en: (p) => `Plan "${p.plan}" has no field "${p.field}".`,
    ru: (p) => `В сценарии «${p.plan}» нет поля «${p.field}».`,
  }),
  'plans.fieldChoice': entry<{ field: string; choices: string }>({
    en: (p) => `"${p.field}" must be one of: ${p.choices}.`,
    ru: (p) => `«${p.field}»: выберите одно из значений: ${p.choices}.`,
  }),
  'plans.noAudience': entry({
    en: () => 'The plan has nobody to alert: add groups, people, tags or on-call roles to it.',
    ru: () => 'В сценарии некого оповещать: добавьте группы, сотрудников, теги или дежурные роли.',
  }),
  'plans.pollOptions': entry({
    en: () => 'A poll plan needs at least two answer options.',
    ru: () => 'В сценарии-опросе нужно не меньше двух вариантов ответа.',
  }),
  'plans.chainNeedsConfirm': entry({
    en: () => 'An escalation chain needs a confirmation plan with a wait: set "wait for confirmation".',
    ru: () => 'Цепочке эскалации нужен сценарий с подтверждением и временем ожидания: задайте ожидание.',
  }),
  'plans.unknownGroup': entry<{ id: number }>({
    en: (p) => `There is no group with id ${p.id}. Reload the group list.`,
    ru: (p) => `Группы с номером ${p.id} нет. Обновите список групп.`,
  }),
  'plans.noRoster': entry<{ group: string; role: string }>({
    en: (p) => `${p.group} has no roster for "${p.role}": nobody on call could be found.`,
    ru: (p) => `У группы «${p.group}» нет графика для роли «${p.role}»: дежурных не найти.`,
  }),
  'plans.nobodyOnDuty': entry<{ group: string; role: string }>({
    en: (p) => `Nobody is on duty as "${p.role}" in ${p.group} right now (check the roster and its exceptions).`,
    ru: (p) => `Сейчас в группе «${p.group}» нет дежурного с ролью «${p.role}» (проверьте график и исключения).`,
  }),
  'plans.rosterUnknown': entry<{ id: number }>({
    en: (p) => `There is no roster ${p.id}. Reload the rosters.`,
    ru: (p) => `Графика ${p.id} нет. Обновите список графиков.`,
  }),
  'plans.rosterTaken': entry<{ group: string; role: string }>({
    en: (p) => `${p.group} already has a roster for "${p.role}". Edit that one.`,
    ru: (p) => `У группы «${p.group}» уже есть график для роли «${p.role}». Измените его.`,
  }),
  'plans.rosterBad': entry<{ problem: string }>({
    en: (p) => `The roster cannot be used: ${p.problem}.`,
    ru: (p) => `График не годится: ${p.problem}.`,
  }),
  'plans.unknownContact': entry<{ id: number }>({
    en: (p) => `There is no contact with id ${p.id}. Reload the contact list.`,
    ru: (p) => `Сотрудника с номером записи ${p.id} нет. Обновите список сотрудников.`,
  }),
  'plans.launcherPhone': entry<{ phone: string }>({
    en: (p) => `"${p.phone}" is not a phone number that can send an SMS command.`,
    ru: (p) => `«${p.phone}» — не номер телефона, с которого можно прислать команду.`,
  }),
  'plans.smsRefusedUnknown': entry({
    en: () => 'Switchboard: this phone may not launch alert plans. Ask the control room.',
    ru: () => 'Switchboard: с этого номера запуск сценариев не разрешён. Обратитесь в диспетчерскую.',
  }),
  'plans.smsLaunched': entry<{ code: string; recipients: number; id: number }>({
    en: (p) => `Plan ${p.code} launched: ${p.recipients} recipients, alert #${p.id}.`,
    ru: (p) => `Сценарий ${p.code} запущен: ${p.recipients} получателей, оповещение №${p.id}.`,
  }),
  'plans.smsNotLaunched': entry<{ code: string; reason: string }>({
    en: (p) => `Plan ${p.code} not launched: ${p.reason}`,
    ru: (p) => `Сценарий ${p.code} не запущен: ${p.reason}`,
  }),
  'plans.importSheet': entry<{ sheet: string }>({
    en: (p) => `Sheet "${p.sheet}" is not a roster this station wrote: it needs the group, role and time zone in its first rows.`,
    ru: (p) => `Лист «${p.sheet}» — не график этой станции: в первых строках должны быть группа, роль и часовой пояс.`,
  }),
  'plans.importFile': entry({
    en: () => 'This file is not an Excel workbook (.xlsx). Export the rosters first and edit that file.',
    ru: () => 'Файл — не книга Excel (.xlsx). Сначала выгрузите графики и правьте этот файл.',
  }),
};
