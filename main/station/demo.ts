// The demo organisation a fresh station starts with (`--demo`): a regional power utility with
// districts and crews, about fifty employees and the tags dispatchers use, so a newcomer can
// send an alert and watch replies within a minute.
import type { Store } from './store/store.js';
import { seedDemoPlans } from './plans/demo-plans.js';

const FIRST = ['Алексей', 'Сергей', 'Иван', 'Дмитрий', 'Андрей', 'Михаил', 'Николай', 'Павел', 'Ольга', 'Елена', 'Наталья', 'Юрий', 'Виктор', 'Артём', 'Фёдор'];
const LAST = ['Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Соколов', 'Попов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Алексеев', 'Семёнов', 'Егоров', 'Павлов', 'Степанов', 'Никитин'];

interface Unit {
  name: string;
  crews: { name: string; size: number; position: string }[];
}

const DISTRICTS: Unit[] = [
  { name: 'Северный РЭС', crews: [{ name: 'Бригада 1', size: 6, position: 'Электромонтёр' }, { name: 'Бригада 2', size: 5, position: 'Электромонтёр' }] },
  { name: 'Южный РЭС', crews: [{ name: 'Бригада 3', size: 6, position: 'Электромонтёр' }, { name: 'Бригада 4', size: 5, position: 'Электромонтёр' }] },
  { name: 'Западный РЭС', crews: [{ name: 'Бригада 5', size: 6, position: 'Электромонтёр' }, { name: 'Бригада 6', size: 5, position: 'Электромонтёр' }] },
];

export function isEmpty(store: Store): boolean {
  return (store.db.prepare('SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM groups) AS n').get() as { n: number }).n === 0;
}

/** Fills an empty store with the demo organisation. Returns the number of employees created. */
export function seedDemo(store: Store): number {
  let n = 0;
  const person = (position: string) => {
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[(n * 7) % LAST.length]!;
    const female = ['Ольга', 'Елена', 'Наталья'].includes(first);
    const phone = `+7916${String(1000000 + n * 7919).slice(-7)}`;
    n++;
    return store.contacts.upsert({ name: `${last}${female ? 'а' : ''} ${first}`, phone, position });
  };
  store.db.transaction(() => {
    const company = store.groups.create('Энергосеть', null, 0);
    const management = store.groups.create('Диспетчерская служба', company, 0);
    for (let i = 0; i < 4; i++) store.groups.addMember(management, person(i === 0 ? 'Начальник смены' : 'Диспетчер').id);
    const alarm = store.tags.ensure('авария');
    const meeting = store.tags.ensure('собрание');
    store.tags.setSelfService(meeting, true);
    DISTRICTS.forEach((d, di) => {
      const district = store.groups.create(d.name, company, di + 1);
      const chief = person('Начальник РЭС');
      store.groups.addMember(district, chief.id);
      store.tags.subscribe(alarm, chief.id, 'admin');
      store.tags.subscribe(meeting, chief.id, 'admin');
      d.crews.forEach((c, ci) => {
        const crew = store.groups.create(c.name, district, ci);
        for (let i = 0; i < c.size; i++) {
          const member = person(i === 0 ? 'Мастер' : c.position);
          store.groups.addMember(crew, member.id);
          if (i === 0) store.tags.subscribe(alarm, member.id, 'admin');
        }
      });
    });
    const reserve = store.groups.create('Резерв', company, 9);
    for (let i = 0; i < 10; i++) store.groups.addMember(reserve, person('Электромонтёр').id);
    seedDemoPlans(store);
  })();
  return n;
}
