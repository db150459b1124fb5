// The administration panel as an admin uses it, against a fake station that keeps users, rights,
// tags and settings and answers the admin requests of shared/protocol: nothing changes without
// a confirmation, Escape leaves everything as it was, and the station's refusals are shown.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, Right, SettingsResult, TagView, UserAdminView } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import type { StationCommands } from '../../renderer/app/station-bridge.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { AdminPanel } from '../../renderer/features/admin/AdminPanel.js';
import { adminTestIds as ids } from '../../renderer/features/admin/testids.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

const T0 = Date.UTC(2025, 2, 3, 9, 30);
const GENERATED = 'abcd-efgh-jkmn-pqrs';

class FakeAdmin {
  calls: { method: string; params: any }[] = [];
  refuse: Partial<Record<string, string>> = {};
  users: UserAdminView[] = [
    { id: 1, login: 'admin', name: 'Администратор', role: 'admin', locale: 'ru', disabled: false, createdAt: T0, lastLoginAt: T0 },
    { id: 2, login: 'petrova', name: 'Петрова', role: 'dispatcher', locale: 'ru', disabled: false, createdAt: T0, lastLoginAt: null },
  ];
  rights: Record<number, Right[]> = { 1: [], 2: [{ scope: 'group', targetId: 10 }] };
  tags: TagView[] = [{ id: 5, name: 'авария', subscribers: 0, selfService: false }];
  settings: SettingsResult = {
    effective: { replyWindowHours: 6, questionWindowHours: 168, sessionHours: 12, alertMoveSeconds: 3, moveSeconds: 30, inDoubtGraceSeconds: 30 },
    stored: { replyWindowHours: 6 },
    defaults: { replyWindowHours: 24, questionWindowHours: 168, sessionHours: 12, alertMoveSeconds: 3, moveSeconds: 30, inDoubtGraceSeconds: 30 },
  };

  sendLimits: { smsPerPerson: number | null; smsTotal: number | null } = { smsPerPerson: 4, smsTotal: 1000 };
  locks = [
    { kind: 'account' as const, key: 'petrova', failures: 10, lastFailureAt: T0, lockedUntil: T0 + 15 * 60_000, retryAt: null },
    { kind: 'address' as const, key: '10.0.0.9', failures: 12, lastFailureAt: T0, lockedUntil: null, retryAt: T0 + 4_000 },
  ];

  readonly commands: StationCommands = requestOnlyCommands(async (method: RequestName, params: any) => {
    this.calls.push({ method, params });
    const refusal = this.refuse[method];
    if (refusal) throw new Error(refusal);
    return this.answer(method, params);
  });

  changes(): string[] {
    const reads = new Set(['users.list', 'rights.matrix', 'tags.list', 'tags.subscribers', 'settings.get', 'sendLimits.get', 'audit.list', 'security.logins']);
    return this.calls.map((c) => c.method).filter((m) => !reads.has(m));
  }

  private matrix() {
    return { users: this.users.filter((u) => !u.disabled).map((u) => ({ id: u.id, login: u.login, name: u.name, role: u.role, rights: this.rights[u.id] ?? [] })) };
  }

  private answer(method: RequestName, params: any): unknown {
    switch (method) {
      case 'users.list':
        return { users: this.users };
      case 'users.create': {
        const user: UserAdminView = { id: 3, login: params.login, name: params.name, role: params.role, locale: 'ru', disabled: false, createdAt: T0, lastLoginAt: null };
        this.users = [...this.users, user];
        return { user, password: params.password ? null : GENERATED };
      }
      case 'users.update':
        this.users = this.users.map((u) => (u.id === params.id ? { ...u, ...params } : u));
        return { user: this.users.find((u) => u.id === params.id) };
      case 'rights.matrix':
        return this.matrix();
      case 'rights.set':
        this.rights[params.userId] = params.rights;
        return this.matrix();
      case 'tags.list':
        return { tags: this.tags };
      case 'tags.subscribers':
        return { subscribers: [] };
      case 'tags.subscribe':
        this.tags = this.tags.map((t) => (t.id === params.tagId ? { ...t, subscribers: t.subscribers + 1 } : t));
        return { subscribers: 1 };
      case 'settings.get':
        return this.settings;
      case 'sendLimits.get':
        return { limits: this.sendLimits, defaults: { smsPerPerson: 4, smsTotal: 1000 } };
      case 'sendLimits.set':
        this.sendLimits = params;
        return { limits: this.sendLimits, defaults: { smsPerPerson: 4, smsTotal: 1000 } };
      case 'settings.set': {
        const stored = { ...this.settings.stored } as Record<string, number>;
        for (const [k, v] of Object.entries(params)) {
          if (v === null) delete stored[k];
          else stored[k] = v as number;
        }
        this.settings = { ...this.settings, stored, effective: { ...this.settings.defaults, ...stored } };
        return this.settings;
      }
      case 'audit.list':
        return { entries: [], next: null };
      case 'security.logins':
        return { locks: this.locks };
      case 'security.unlock':
        this.locks = this.locks.filter((l) => !(l.kind === params.kind && l.key === params.key));
        return { locks: this.locks };
      default:
        throw new Error(`unexpected ${method}`);
    }
  }
}

let fake: FakeAdmin;

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

async function renderPanel() {
  useAppStore.getState().signedIn({ id: 1, login: 'admin', name: 'Администратор', role: 'admin', locale: 'en' });
  useAppStore.setState({ prefs: { ...useAppStore.getState().prefs, locale: 'en' } });
  useAppStore.getState().directoryLoaded({
    groups: [{ id: 10, parentId: null, name: 'Бригада 1', memberCount: 6, totalCount: 6 } as never, { id: 11, parentId: null, name: 'Бригада 2', memberCount: 5, totalCount: 5 } as never],
    contacts: [{ id: 7, name: 'Иванов Пётр', phone: '+79160000007', position: null, active: true, groupIds: [] }],
    tags: fake.tags,
  });
  render(
    <StationContext.Provider value={fake.commands}>
      <AdminPanel initiallyOpen />
    </StationContext.Provider>,
  );
  await settle();
}

const dialog = () => screen.getByTestId(ids.confirmDialog);
const pressEnter = async () => {
  // Enter on the focused confirm button submits the dialog's form, as in a browser.
  await act(async () => {
    fireEvent.submit(document.activeElement!.closest('form')!);
  });
  await settle();
};

beforeEach(() => {
  resetAppStore();
  localStorage.clear();
  fake = new FakeAdmin();
});
afterEach(() => cleanup());

describe('admin panel', () => {
  it('creates a user only after the confirmation, then shows the generated password once', async () => {
    await renderPanel();
    fireEvent.change(screen.getByTestId(ids.userCreateLogin), { target: { value: 'orlov' } });
    fireEvent.change(screen.getByTestId(ids.userCreateName), { target: { value: 'Орлов' } });
    fireEvent.click(screen.getByTestId(ids.userCreateSubmit));
    expect(fake.changes()).toEqual([]);
    expect(within(dialog()).getByText(/generated by the station/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId(ids.confirmOk));

    await pressEnter();
    expect(fake.calls.find((c) => c.method === 'users.create')!.params).toEqual({ login: 'orlov', name: 'Орлов', role: 'dispatcher' });
    expect(screen.queryByTestId(ids.confirmDialog)).toBeNull();
    const value = screen.getByTestId(ids.passwordValue) as HTMLInputElement;
    expect(value.value).toBe(GENERATED);
    expect(document.activeElement).toBe(value);
    expect(screen.getByTestId(ids.usersResult).textContent).toMatch(/“orlov” created/);
    expect(screen.getByTestId(ids.userRow('orlov'))).toBeTruthy();

    fireEvent.click(screen.getByTestId(ids.passwordClose));
    expect(screen.queryByTestId(ids.passwordDialog)).toBeNull();
    expect(document.body.textContent).not.toContain(GENERATED);
  });

  it('Escape leaves a user as they were and asks the station nothing', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId(ids.userToggle('petrova')));
    expect(within(dialog()).getByText(/will not be able to log in/)).toBeTruthy();
    fireEvent.keyDown(dialog(), { key: 'Escape' });
    expect(screen.queryByTestId(ids.confirmDialog)).toBeNull();
    expect(fake.changes()).toEqual([]);
    expect(screen.getByTestId(ids.userRow('petrova')).dataset.disabled).toBe('false');
  });

  it('shows the station’s refusal in the dialog and keeps it open', async () => {
    fake.refuse['users.update'] = '"petrova" is the last active administrator; make another user an administrator first.';
    await renderPanel();
    // The admin's own role and access are not offered; another admin is demoted here.
    expect((screen.getByTestId(ids.userRole('admin')) as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByTestId(ids.userToggle('admin')) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId(ids.userRole('petrova')), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByTestId(ids.userSave('petrova')));
    expect(within(dialog()).getByText('Role: dispatcher → viewer')).toBeTruthy();
    await pressEnter();
    expect(screen.getByTestId(ids.confirmError).textContent).toMatch(/last active administrator/);
    expect(screen.getByTestId(ids.confirmDialog)).toBeTruthy();
  });

  it('lists what a rights change grants and takes away before saving it', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId(ids.cell(2, 'group', 11)));
    fireEvent.click(screen.getByTestId(ids.cell(2, 'group', 10)));
    fireEvent.click(screen.getByTestId(ids.save(2)));
    const items = within(dialog()).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Allow: Бригада 2', 'Take away: Бригада 1']);
    expect(fake.changes()).toEqual([]);
    await pressEnter();
    expect(fake.calls.find((c) => c.method === 'rights.set')!.params).toMatchObject({ userId: 2, rights: [{ scope: 'group', targetId: 11 }] });
    expect(screen.getByTestId(ids.rightsResult).textContent).toMatch(/Rights of “petrova” saved/);
    // Saved: nothing left to save until the next tick.
    expect((screen.getByTestId(ids.save(2)) as HTMLButtonElement).disabled).toBe(true);
  });

  it('subscribes a contact picked by name, after confirming', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId(ids.tagOpen('авария')));
    await settle();
    fireEvent.change(screen.getByTestId(ids.tagPicker), { target: { value: 'иван' } });
    fireEvent.click(screen.getByTestId(ids.tagAdd(7)));
    expect(within(dialog()).getByText(/Иванов Пётр \(\+79160000007\)/)).toBeTruthy();
    await pressEnter();
    expect(fake.calls.find((c) => c.method === 'tags.subscribe')!.params).toEqual({ tagId: 5, contactId: 7, subscribed: true });
    expect(screen.getByTestId(ids.tagCount('авария')).dataset.count).toBe('1');
    expect(useAppStore.getState().directory.tags[0]!.subscribers).toBe(1);
  });

  it('an emptied setting goes back to config: it is sent as null', async () => {
    await renderPanel();
    const reply = screen.getByTestId(ids.setting('replyWindowHours')) as HTMLInputElement;
    expect(reply.value).toBe('6');
    fireEvent.change(reply, { target: { value: '' } });
    fireEvent.change(screen.getByTestId(ids.setting('sessionHours')), { target: { value: '8' } });
    fireEvent.click(screen.getByTestId(ids.settingsSave));
    const items = within(dialog()).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Reply window, h: 6 hours → from config (24 h)', 'Session length, h: from config (12 h) → 8 hours']);
    await pressEnter();
    expect(fake.calls.find((c) => c.method === 'settings.set')!.params).toEqual({ replyWindowHours: null, sessionHours: 8 });
    expect(screen.getByTestId(ids.settingsResult).textContent).toMatch(/apply now/);
  });

  it('sets in seconds how soon an alert leaves a troubled route and how long an SMS in doubt waits', async () => {
    await renderPanel();
    const alertMove = screen.getByTestId(ids.setting('alertMoveSeconds')) as HTMLInputElement;
    expect(alertMove.value).toBe('');
    expect(alertMove.placeholder).toBe('3');
    fireEvent.change(alertMove, { target: { value: '1' } });
    fireEvent.change(screen.getByTestId(ids.setting('inDoubtGraceSeconds')), { target: { value: '0.5' } });
    expect((screen.getByTestId(ids.settingsSave) as HTMLButtonElement).disabled).toBe(true); // under a second
    fireEvent.change(screen.getByTestId(ids.setting('inDoubtGraceSeconds')), { target: { value: '45' } });
    fireEvent.click(screen.getByTestId(ids.settingsSave));
    const items = within(dialog()).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Alerts move to the next route after, s: from config (3 s) → 1 second',
      'An SMS the carrier did not answer waits, s: from config (30 s) → 45 seconds',
    ]);
    await pressEnter();
    expect(fake.calls.find((c) => c.method === 'settings.set')!.params).toEqual({ alertMoveSeconds: 1, inDoubtGraceSeconds: 45 });
  });

  it('sets the thresholds for a second ask before sending; an empty one never asks', async () => {
    await renderPanel();
    const perPerson = screen.getByTestId(ids.sendLimit('smsPerPerson')) as HTMLInputElement;
    expect(perPerson.value).toBe('4');
    fireEvent.change(perPerson, { target: { value: '6' } });
    fireEvent.change(screen.getByTestId(ids.sendLimit('smsTotal')), { target: { value: '' } });
    fireEvent.click(screen.getByTestId(ids.sendLimitsSave));
    const items = within(dialog()).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['SMS per person: 4 SMS → 6 SMS', 'SMS in one broadcast: 1000 SMS → never ask']);
    expect(fake.changes()).toEqual([]);
    await pressEnter();
    expect(fake.calls.find((c) => c.method === 'sendLimits.set')!.params).toEqual({ smsPerPerson: 6, smsTotal: null });
    expect(screen.getByTestId(ids.sendLimitsResult).textContent).toMatch(/next send/);
  });
});

describe('login locks', () => {
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('lists locked and slowed accounts and addresses, and unlocks one', async () => {
    await renderPanel();
    const section = screen.getByTestId(ids.locks);
    expect(section.textContent).toContain('Login locks');
    expect(screen.getByTestId(ids.lockRow('account', 'petrova')).textContent).toContain('10');
    expect(screen.getByTestId(ids.lockRow('address', '10.0.0.9')).textContent).toContain('slowed down until');
    fireEvent.click(screen.getByTestId(ids.unlock('account', 'petrova')));
    await settle();
    expect(fake.calls.filter((c) => c.method === 'security.unlock').map((c) => c.params)).toEqual([{ kind: 'account', key: 'petrova' }]);
    expect(screen.queryByTestId(ids.lockRow('account', 'petrova'))).toBeNull();
  });
});
