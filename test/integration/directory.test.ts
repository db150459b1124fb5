// People and groups edited from the control room, against a real station: a contact is checked
// by the import's rules (8 916… stored as +7916…, a bad number refused naming the field, a number
// someone has refused), groups are created, nested (never inside themselves), renamed, reordered,
// filled and emptied in bulk, and deleted only when empty of subgroups; only an admin writes,
// every change is audited, and every desk hears `directory.changed`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlRoomClient, refusal } from '../tools/control-room-client.js';
import { dispatchStation, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation;
let ru: ControlRoomClient;
beforeAll(async () => {
  s = await dispatchStation();
  ru = await ControlRoomClient.login(s.station.url, 'admin', s.station.initialAdminPassword!, 'ru');
});
afterAll(async () => {
  ru?.close();
  await s?.stop();
});

const audit = (action: string) => s.station.core.store.audit.recent(50, action);

describe('a contact', () => {
  it('is created through the import’s rules and told to every desk', async () => {
    const { contact } = await ru.request('contacts.create', { name: '  Кузнецов   Олег ', phone: '8 (916) 555-12-34', position: 'Электромонтёр', groupIds: [s.groups.north] });
    expect(contact).toMatchObject({ name: 'Кузнецов Олег', phone: '+79165551234', position: 'Электромонтёр', active: true, groupIds: [s.groups.north] });
    const event = await s.admin.waitFor('directory.changed', (d) => d.contacts.some((c: { id: number }) => c.id === contact.id));
    expect(event.groups.find((g: { id: number }) => g.id === s.groups.north).totalCount).toBe(4);
    expect(audit('contact.create')[0]!.detail).toMatchObject({ after: { name: 'Кузнецов Олег', phone: '+79165551234' }, groups: ['Северный РЭС'] });
  });

  it('is refused with the field and the reason, in the desk’s language', async () => {
    const bad = await refusal(ru.request('contacts.create', { name: 'Без номера', phone: '8 916 12' }));
    expect(bad).toMatchObject({ code: 'bad_request', field: 'phone' });
    expect(bad.message).toMatch(/не похож|номер/i);
    expect((await refusal(ru.request('contacts.create', { name: '', phone: '+79160000099' }))).field).toBe('name');
    expect((await refusal(ru.request('contacts.create', { name: 'Почта', phone: '+79160000098', email: 'ivanov@' }))).message).toBe(
      '«ivanov@» — не адрес электронной почты; исправьте его или оставьте поле пустым.',
    );
    const taken = await refusal(ru.request('contacts.create', { name: 'Двойник', phone: '+7 916 000-00-01' }));
    expect(taken).toMatchObject({ field: 'phone', message: 'Номер +79160000001 уже записан за «Иванов»: откройте этого сотрудника или исправьте номер.' });
  });

  it('has one number fixed, audited as before → after, and shows groups, subscriptions and history', async () => {
    const id = s.contacts.petrov;
    s.station.core.store.tags.subscribe(s.station.core.store.tags.ensure('авария'), id, 'sms');
    await s.admin.request('send', { text: 'Проверка', contacts: [id] });
    const { contact } = await ru.request('contacts.update', { id, phone: '8 916 777-00-02' });
    expect(contact.phone).toBe('+79167770002');
    expect(contact.tags).toEqual([expect.objectContaining({ name: 'авария', source: 'sms' })]);
    expect(contact.recent[0]).toMatchObject({ text: 'Проверка', direction: 'out' });
    expect(audit('contact.update')[0]!.detail).toEqual({ name: 'Петров', changed: { phone: { before: '+79160000002', after: '+79167770002' } } });
  });

  it('is switched off and on in bulk; off, they get nothing', async () => {
    const ids = [s.contacts.ivanov, s.contacts.sidorova];
    expect((await ru.request('contacts.setActive', { ids, active: false })).changed).toBe(2);
    const preview = await s.admin.request('preview', { text: 'x', groups: [s.groups.north] });
    expect(preview.recipients).toBe(2); // Петров and the new Кузнецов
    expect((await ru.request('contacts.setActive', { ids, active: true })).changed).toBe(2);
  });
});

describe('groups', () => {
  it('are built from scratch: created, filled from a search, moved between, renamed, nested, reordered', async () => {
    const { group } = await ru.request('groups.create', { name: 'Авария ВЛ-10', parentId: null });
    expect(group).toMatchObject({ name: 'Авария ВЛ-10', parentId: null, totalCount: 0 });
    const dup = await refusal(ru.request('groups.create', { name: 'авария вл-10', parentId: null }));
    expect(dup.message).toBe('На этом уровне уже есть группа «Авария ВЛ-10»: выберите другое название.');

    const added = await ru.request('groups.addMembers', { groupId: group.id, contactIds: [s.contacts.ivanov, s.contacts.fedorov, s.contacts.orlova] });
    expect(added).toEqual({ added: 3, removed: 0 });
    // Moved: out of Южный РЭС, into Руководители.
    const moved = await ru.request('groups.addMembers', { groupId: s.groups.chiefs, contactIds: [s.contacts.fedorov], from: s.groups.south });
    expect(moved).toEqual({ added: 1, removed: 1 });
    expect(audit('group.move-members')[0]!.detail).toMatchObject({ group: 'Руководители', from: 'Южный РЭС', contacts: ['Фёдоров'] });

    await ru.request('groups.update', { id: group.id, name: 'Авария ВЛ-10 кВ', parentId: s.groups.north });
    const cycle = await refusal(ru.request('groups.update', { id: s.groups.north, parentId: group.id }));
    expect(cycle).toMatchObject({ field: 'parentId', message: '«Северный РЭС» нельзя вложить в «Авария ВЛ-10 кВ»: та группа находится внутри неё.' });

    const top = s.station.core.store.groups.children(null);
    await ru.request('groups.reorder', { parentId: null, ids: [...top].reverse() });
    const snap = await ru.request('snapshot', {});
    expect(snap.groups.filter((g) => g.parentId === null).map((g) => g.id)).toEqual([...top].reverse());
    const node = snap.groups.find((g) => g.id === group.id)!;
    expect(node).toMatchObject({ name: 'Авария ВЛ-10 кВ', parentId: s.groups.north, memberCount: 3 });
    expect((await refusal(ru.request('groups.reorder', { parentId: null, ids: top.slice(1) }))).field).toBe('ids');

    const removed = await ru.request('groups.removeMembers', { groupId: group.id, contactIds: [s.contacts.orlova] });
    expect(removed.removed).toBe(1);
  });

  it('are deleted only without subgroups; the people stay', async () => {
    const parent = (await ru.request('groups.create', { name: 'Временная', parentId: null })).group;
    const child = (await ru.request('groups.create', { name: 'Смена 1', parentId: parent.id })).group;
    await ru.request('groups.addMembers', { groupId: child.id, contactIds: [s.contacts.chief] });
    expect((await refusal(ru.request('groups.delete', { id: parent.id }))).message).toBe(
      'В группе «Временная» есть подгруппы (1): сначала перенесите или удалите их.',
    );
    expect(await ru.request('groups.delete', { id: child.id })).toEqual({ members: 1 });
    await ru.request('groups.delete', { id: parent.id });
    expect(s.station.core.store.contacts.byId(s.contacts.chief)?.active).toBe(true);
    expect(audit('group.delete').map((e) => (e.detail as { name: string }).name)).toEqual(['Временная', 'Смена 1']);
  });

  it('are changed by an admin only; a dispatcher is told why, and it is audited', async () => {
    const disp = await s.login('disp');
    const no = await refusal(disp.request('groups.create', { name: 'Своя', parentId: null }));
    expect(no.code).toBe('forbidden');
    expect(audit('admin.refused')[0]!.target).toBe('groups.create');
    // Reading a contact is for anyone signed in.
    expect((await disp.request('contacts.get', { id: s.contacts.ivanov })).contact.name).toBe('Иванов');
  });
});
