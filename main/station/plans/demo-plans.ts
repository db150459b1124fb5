// The demo utility's alert plans and rosters (`--demo`): on-duty engineers of each district by
// day and night (день – ночь – отсыпной – выходной), the masters on call for the whole company,
// and three plans a control room would have on its first day.
import type { Store } from '../store/store.js';
import { dayNightRotation } from '../domain/roster-patterns.js';
import { PlanSpec, type PlanSpecInput } from '../../../shared/protocol/index.js';
import { PlanRepository } from './plan-store.js';
import { RosterRepository } from './roster-store.js';

const ZONE = 'Europe/Moscow';

export function seedDemoPlans(store: Store, anchor = new Date().toISOString().slice(0, 10)): void {
  const groups = store.db.prepare('SELECT id, name, parent_id AS parentId FROM groups').all() as { id: number; name: string; parentId: number | null }[];
  const byName = (name: string) => groups.find((g) => g.name === name);
  const company = byName('Энергосеть');
  if (!company) return;
  const members = (groupId: number) =>
    store.db
      .prepare(`SELECT c.id, c.position FROM group_members gm JOIN contacts c ON c.id = gm.contact_id WHERE gm.group_id = ? ORDER BY c.id`)
      .all(groupId) as { id: number; position: string | null }[];
  const rosters = new RosterRepository(store.db);
  const masters: number[] = [];
  for (const district of groups.filter((g) => g.parentId === company.id && g.name.endsWith('РЭС'))) {
    const crews = groups.filter((g) => g.parentId === district.id);
    const engineers = crews.flatMap((c) => members(c.id).filter((m) => m.position !== 'Мастер').map((m) => m.id));
    masters.push(...crews.flatMap((c) => members(c.id).filter((m) => m.position === 'Мастер').map((m) => m.id)));
    // Four shifts of one or two engineers each.
    const teams = [0, 1, 2, 3].map((i) => ({ name: `Смена ${i + 1}`, members: engineers.filter((_, k) => k % 4 === i).slice(0, 2) }));
    rosters.save({ groupId: district.id, role: 'дежурный инженер', timeZone: ZONE, rotation: dayNightRotation({ anchor, teams }), oneOffs: [], exceptions: [] }, null);
  }
  if (masters.length >= 2) {
    const teams = masters.slice(0, 4).map((id, i) => ({ name: `Мастер ${i + 1}`, members: [id] }));
    rosters.save({ groupId: company.id, role: 'мастер', timeZone: ZONE, rotation: dayNightRotation({ anchor, teams }), oneOffs: [], exceptions: [] }, null);
  }
  const north = byName('Северный РЭС');
  const plans = new PlanRepository(store.db);
  const add = (p: PlanSpecInput) => plans.save(PlanSpec.parse(p), null, null, null);
  if (north) {
    add({
      code: 'ПС12',
      name: 'Авария на ПС',
      audience: { onCall: [{ groupId: north.id, role: 'дежурный инженер' }] },
      text: 'Авария на {объект}. Выезжайте, ответьте 1.',
      kind: 'confirm',
      confirm: { afterMinutes: 10, resends: 0 },
      chain: [{ kind: 'call', ringSeconds: 30 }, { kind: 'on-call', onCall: [{ groupId: company.id, role: 'мастер' }] }],
      callReply: 'Подтверждение звонком принято. Спасибо.',
    });
  }
  add({
    code: 'ЛЭП',
    name: 'Отключение ЛЭП',
    audience: { tags: ['авария'] },
    text: 'Отключение {линия}, {район}. Ответьте 1, если принято.',
    kind: 'confirm',
    confirm: { afterMinutes: 15, resends: 1 },
    priority: 'high',
  });
  add({
    code: 'СБОР',
    name: 'Сбор на совещание',
    audience: { tags: ['собрание'] },
    text: 'Совещание {когда}. Сможете быть? 1 - да, 2 - нет',
    kind: 'poll',
    options: ['да', 'нет'],
    priority: 'low',
    smsCommand: false,
  });
}
