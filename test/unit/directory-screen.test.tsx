// People and groups on screen, as an admin builds an outage group and fixes a number, against a
// fake station that keeps a small directory and answers the directory requests of shared/protocol
// (pushing the change to the store as the station's `directory.changed` event would).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactView, GroupNode, RequestName, Role } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import { StationError } from '../../renderer/app/station-client.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { DirectoryScreen } from '../../renderer/features/directory/DirectoryScreen.js';
import { directoryTestIds as ids } from '../../renderer/features/directory/testids.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

/** A refusal as the ws client hands it over: the station's code, sentence and field. */
const Refusal = class extends StationError {
  constructor(message: string, field?: string) {
    super('bad_request', message, field);
  }
};

class FakeDirectory {
  calls: { method: string; params: any }[] = [];
  groups: (GroupNode & { sort: number })[] = [
    { id: 1, parentId: null, name: 'Северный РЭС', memberCount: 2, totalCount: 2, sort: 1 },
    { id: 2, parentId: null, name: 'Южный РЭС', memberCount: 1, totalCount: 1, sort: 2 },
  ];
  contacts: (ContactView & { email: string | null; notes: string | null })[] = [
    { id: 11, name: 'Фёдоров Пётр', phone: '+79161110011', position: 'Мастер', active: true, groupIds: [1], email: null, notes: null },
    { id: 12, name: 'Иванова Анна', phone: '+79161110012', position: 'Диспетчер', active: true, groupIds: [1], email: null, notes: null },
    { id: 13, name: 'Петров Иван', phone: '+79161110013', position: null, active: true, groupIds: [2], email: null, notes: null },
    { id: 14, name: 'Сидоров Олег', phone: '+79165554433', position: 'Электромонтёр', active: true, groupIds: [], email: null, notes: null },
  ];
  private nextId = 100;

  readonly commands = requestOnlyCommands(async (method: RequestName, params: any) => {
    this.calls.push({ method, params });
    const value = this.answer(method, params);
    this.publish();
    return value;
  });

  changes(): string[] {
    return this.calls.map((c) => c.method).filter((m) => m !== 'contacts.get');
  }

  /** What the station's `directory.changed` does on every desk. */
  publish(): void {
    const groups = [...this.groups]
      .sort((a, b) => a.sort - b.sort)
      .map(({ sort: _s, ...g }) => ({ ...g, memberCount: this.contacts.filter((c) => c.active && c.groupIds.includes(g.id)).length }));
    useAppStore.getState().directoryChanged({ groups, contacts: this.contacts.map(({ email: _e, notes: _n, ...c }) => c) });
  }

  private detail(id: number): ContactDetail {
    const c = this.contacts.find((x) => x.id === id)!;
    return { ...c, tags: [], recent: [], createdAt: 0, updatedAt: 0 };
  }

  private answer(method: string, p: any): unknown {
    switch (method) {
      case 'contacts.get':
        return { contact: this.detail(p.id) };
      case 'contacts.update': {
        if (p.phone !== undefined && !/^\+7\d{10}$/.test(p.phone.replace(/^8/, '+7').replace(/[\s()-]/g, ''))) {
          throw new Refusal(`«${p.phone}» — не номер телефона. Напишите его как +7 916 123-45-67 или 8 916 123-45-67.`, 'phone');
        }
        const c = this.contacts.find((x) => x.id === p.id)!;
        Object.assign(c, { ...p, phone: p.phone.replace(/^8/, '+7').replace(/[\s()-]/g, '') });
        return { contact: this.detail(c.id) };
      }
      case 'contacts.create': {
        const id = this.nextId++;
        this.contacts.push({ id, name: p.name, phone: p.phone, position: p.position, active: true, groupIds: p.groupIds, email: null, notes: null });
        return { contact: this.detail(id) };
      }
      case 'contacts.setActive':
        for (const c of this.contacts) if (p.ids.includes(c.id)) c.active = p.active;
        return { changed: p.ids.length };
      case 'groups.create': {
        const id = this.nextId++;
        const g = { id, parentId: p.parentId, name: p.name, memberCount: 0, totalCount: 0, sort: this.groups.length + 1 };
        this.groups.push(g);
        return { group: g };
      }
      case 'groups.update': {
        const g = this.groups.find((x) => x.id === p.id)!;
        if (p.name !== undefined) g.name = p.name;
        if (p.parentId !== undefined) g.parentId = p.parentId;
        return { group: g };
      }
      case 'groups.reorder':
        p.ids.forEach((id: number, i: number) => (this.groups.find((g) => g.id === id)!.sort = i + 1));
        return {};
      case 'groups.delete':
        this.groups = this.groups.filter((g) => g.id !== p.id);
        return { members: 0 };
      case 'groups.addMembers':
        for (const c of this.contacts) {
          if (!p.contactIds.includes(c.id)) continue;
          if (!c.groupIds.includes(p.groupId)) c.groupIds = [...c.groupIds, p.groupId];
          if (p.from) c.groupIds = c.groupIds.filter((g) => g !== p.from);
        }
        return { added: p.contactIds.length, removed: p.from ? p.contactIds.length : 0 };
      case 'groups.removeMembers':
        for (const c of this.contacts) if (p.contactIds.includes(c.id)) c.groupIds = c.groupIds.filter((g) => g !== p.groupId);
        return { removed: p.contactIds.length };
    }
    throw new Error(`unexpected ${method}`);
  }
}

let fake: FakeDirectory;
beforeEach(() => {
  resetAppStore();
  fake = new FakeDirectory();
});
afterEach(() => cleanup());

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => Promise.resolve());
}

async function renderScreen(role: Role = 'admin') {
  useAppStore.getState().signedIn({ id: 1, login: 'admin', name: 'Администратор', role, locale: 'ru' });
  fake.publish();
  render(
    <StationContext.Provider value={fake.commands}>
      <DirectoryScreen />
    </StationContext.Provider>,
  );
  await settle();
}

const confirmDialog = () => screen.getByTestId(ids.confirm.dialog);
async function confirm() {
  fireEvent.click(screen.getByTestId(ids.confirm.ok));
  await settle();
}

describe('people and groups', () => {
  it('builds a new group from scratch and fills it by search, ё as е and 8 916… as +7 916…', async () => {
    await renderScreen();
    fireEvent.change(screen.getByTestId(ids.newGroupName), { target: { value: 'Авария ВЛ-10' } });
    fireEvent.click(screen.getByTestId(ids.newGroupCreate));
    await settle();
    expect(fake.calls.find((c) => c.method === 'groups.create')?.params).toEqual({ name: 'Авария ВЛ-10', parentId: null });
    const created = fake.groups.find((g) => g.name === 'Авария ВЛ-10')!;
    expect(screen.getByTestId(ids.group(created.id)).dataset.selected).toBe('true');

    const search = screen.getByTestId(ids.addSearch);
    fireEvent.change(search, { target: { value: 'федоров' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    await settle();
    fireEvent.change(search, { target: { value: '8 916 555' } });
    fireEvent.click(screen.getByTestId(ids.addResult(14)));
    await settle();
    expect(fake.calls.filter((c) => c.method === 'groups.addMembers').map((c) => c.params)).toEqual([
      { groupId: created.id, contactIds: [11] },
      { groupId: created.id, contactIds: [14] },
    ]);
    expect(screen.getByTestId(ids.addOutcome).textContent).toBe('Сидоров Олег — в группе «Авария ВЛ-10».');
    expect(screen.getByTestId(ids.person(11))).toBeTruthy();
    expect(screen.getByTestId(ids.person(14))).toBeTruthy();
    expect(screen.getByTestId(ids.count).dataset.count).toBe('2');
    // Those already in the group are not offered again.
    fireEvent.change(search, { target: { value: 'Фёдоров' } });
    expect(screen.queryByTestId(ids.addResult(11))).toBeNull();
  });

  it('fixes one number: the station’s reason under the field, then saved', async () => {
    await renderScreen();
    fireEvent.click(within(screen.getByTestId(ids.person(12))).getByRole('button', { name: 'Иванова Анна' }));
    await settle();
    const phone = screen.getByTestId(ids.field('phone')) as HTMLInputElement;
    expect(phone.value).toBe('+79161110012');
    fireEvent.change(phone, { target: { value: '8 916 12' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await settle();
    expect(screen.getByTestId(ids.fieldError('phone')).textContent).toContain('не номер телефона');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(phone, { target: { value: '8 916 777-00-12' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await settle();
    expect(screen.queryByTestId(ids.fieldError('phone'))).toBeNull();
    expect(phone.value).toBe('+79167770012');
    expect(screen.getByTestId(ids.editorResult).textContent).toBe('Сохранено: Иванова Анна.');
  });

  it('asks before moving, removing or switching off a selection, naming who', async () => {
    await renderScreen();
    fireEvent.click(screen.getByTestId(ids.group(1)));
    fireEvent.click(screen.getByTestId(ids.selectAll));
    expect(screen.getByTestId(ids.bulk).dataset.count).toBe('2');
    fireEvent.change(screen.getByTestId(ids.bulkTarget), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId(ids.bulkMove));
    expect(confirmDialog().textContent).toContain('Перенести из «Северный РЭС» в «Южный РЭС»?');
    expect(confirmDialog().textContent).toContain('2 человека: Иванова Анна, Фёдоров Пётр');
    expect(fake.changes()).toEqual([]);
    await confirm();
    expect(fake.calls.find((c) => c.method === 'groups.addMembers')?.params).toEqual({ groupId: 2, contactIds: [12, 11], from: 1 });
    expect(screen.getByTestId(ids.count).dataset.count).toBe('0');

    fireEvent.click(screen.getByTestId(ids.group(2)));
    fireEvent.click(screen.getByTestId(ids.personPick(13)));
    fireEvent.click(screen.getByTestId(ids.bulkDeactivate));
    expect(confirmDialog().textContent).toContain('не получают рассылок');
    fireEvent.keyDown(confirmDialog(), { key: 'Escape' });
    expect(fake.changes()).toEqual(['groups.addMembers']);
    fireEvent.click(screen.getByTestId(ids.bulkRemove));
    await confirm();
    expect(fake.calls.at(-1)).toEqual({ method: 'groups.removeMembers', params: { groupId: 2, contactIds: [13] } });
  });

  it('renames, reorders, nests and deletes a group, deleting only after asking', async () => {
    await renderScreen();
    fireEvent.click(screen.getByTestId(ids.group(2)));
    fireEvent.click(screen.getByTestId(ids.up));
    await settle();
    expect(fake.calls.at(-1)).toEqual({ method: 'groups.reorder', params: { parentId: null, ids: [2, 1] } });
    const tree = [...document.querySelectorAll('[data-testid^="directory-group-"]')].map((e) => e.getAttribute('data-testid')!).filter((id) => /^directory-group-\d+$/.test(id));
    expect(tree).toEqual([ids.group(2), ids.group(1)]);

    fireEvent.click(screen.getByTestId(ids.rename));
    fireEvent.change(screen.getByTestId(ids.renameInput), { target: { value: 'Южный РЭС (резерв)' } });
    fireEvent.click(screen.getByTestId(ids.renameSave));
    await settle();
    expect(screen.getByTestId(ids.groupResult).textContent).toBe('Группа переименована: «Южный РЭС (резерв)».');

    fireEvent.change(screen.getByTestId(ids.nest), { target: { value: '1' } });
    await settle();
    expect(fake.calls.at(-1)).toEqual({ method: 'groups.update', params: { id: 2, parentId: 1 } });

    fireEvent.click(screen.getByTestId(ids.deleteGroup));
    expect(confirmDialog().textContent).toContain('Удалить группу «Южный РЭС (резерв)»?');
    expect(fake.changes()).not.toContain('groups.delete');
    await confirm();
    expect(fake.calls.at(-1)).toEqual({ method: 'groups.delete', params: { id: 2 } });
    expect(screen.queryByTestId(ids.group(2))).toBeNull();
  });

  it('creates a person in the group open, and asks before switching someone off', async () => {
    await renderScreen();
    fireEvent.click(screen.getByTestId(ids.group(1)));
    fireEvent.click(screen.getByTestId(ids.newContact));
    fireEvent.change(screen.getByTestId(ids.field('name')), { target: { value: 'Орлова Вера' } });
    fireEvent.change(screen.getByTestId(ids.field('phone')), { target: { value: '+79160000077' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await settle();
    expect(fake.calls.find((c) => c.method === 'contacts.create')?.params).toMatchObject({ name: 'Орлова Вера', phone: '+79160000077', groupIds: [1], active: true });
    expect(screen.getByTestId(ids.editorResult).textContent).toBe('Сотрудник создан: Орлова Вера.');
    expect(screen.getByTestId(ids.editor).dataset.contact).toBe('100');

    fireEvent.click(screen.getByTestId(ids.field('active')));
    fireEvent.click(screen.getByTestId(ids.save));
    expect(confirmDialog().textContent).toContain('Отключить Орлова Вера?');
    await confirm();
    expect(fake.calls.at(-1)?.params).toMatchObject({ id: 100, active: false });
    expect(screen.getByTestId(ids.person(100)).dataset.active).toBe('false');
  });

  it('lets a dispatcher read but change nothing', async () => {
    await renderScreen('dispatcher');
    expect(screen.queryByTestId(ids.newGroupName)).toBeNull();
    expect(screen.queryByTestId(ids.newContact)).toBeNull();
    fireEvent.click(screen.getByTestId(ids.group(1)));
    expect(screen.queryByTestId(ids.addSearch)).toBeNull();
    expect(screen.queryByTestId(ids.personPick(11))).toBeNull();
    fireEvent.click(within(screen.getByTestId(ids.person(11))).getByRole('button', { name: 'Фёдоров Пётр' }));
    await settle();
    expect((screen.getByTestId(ids.field('phone')) as HTMLInputElement).readOnly).toBe(true);
    expect(screen.queryByTestId(ids.save)).toBeNull();
  });
});
