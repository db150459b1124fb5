// The integrations admin panel as an administrator uses it, against a fake station that keeps
// keys and a webhook log and answers the integrations requests of shared/protocol.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeyView, RequestName, Role, WebhookDeliveryView } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import type { StationCommands } from '../../renderer/app/station-bridge.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { IntegrationsPanel } from '../../renderer/features/integrations/IntegrationsPanel.js';
import { integrationsTestIds as ids } from '../../renderer/features/integrations/testids.js';
import { m2mTestIds as m2m } from '../../renderer/features/integrations/m2m-testids.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

const T0 = Date.UTC(2025, 2, 3, 9, 30);
const CLEAR_KEY = 'sb_AbCdEf0123456789-only-shown-once';

class FakeIntegrations {
  calls: { method: string; params: any }[] = [];
  refuse: string | null = null;
  keys: ApiKeyView[] = [
    { id: 2, name: 'Zabbix', userId: 2, userLogin: 'operator', prefix: 'sb_Zx9q1a', legacy: false, m2mLogin: null, m2mPassword: false, m2mToken: false, createdAt: T0, lastUsedAt: T0 + 60_000, revokedAt: null },
    { id: 1, name: 'old MTS script', userId: 1, userLogin: 'admin', prefix: 'sb_Old123', legacy: true, m2mLogin: null, m2mPassword: false, m2mToken: false, createdAt: T0, lastUsedAt: null, revokedAt: null },
  ];
  deliveries: WebhookDeliveryView[] = Array.from({ length: 3 }, (_, i) => ({
    id: 3 - i,
    createdAt: T0,
    url: 'https://crm.example.org/hook',
    event: i === 0 ? 'reply' : 'delivery',
    status: i === 0 ? ('pending' as const) : ('delivered' as const),
    statusCode: i === 0 ? 503 : 204,
    attempts: i === 0 ? 2 : 1,
    nextRetryAt: i === 0 ? T0 + 120_000 : null,
    deliveredAt: i === 0 ? null : T0,
    error: i === 0 ? 'The receiver answered HTTP 503.' : null,
  }));

  groups = [
    { id: 7, name: 'Бригада 1', parentName: null, alias: null as string | null },
    { id: 8, name: 'Север', parentName: null, alias: 'north' as string | null },
  ];

  readonly commands: StationCommands = requestOnlyCommands(async (method: RequestName, params: any) => {
    this.calls.push({ method, params });
    if (this.refuse) throw new Error(this.refuse);
    return this.answer(method, params);
  });

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }

  private answer(method: RequestName, params: any): unknown {
    switch (method) {
      case 'apikeys.list':
        return {
          keys: this.keys,
          owners: [
            { id: 1, login: 'admin', name: 'Администратор', role: 'admin' },
            { id: 2, login: 'operator', name: 'Оператор', role: 'dispatcher' },
          ],
        };
      case 'apikeys.create': {
        const view: ApiKeyView = {
          id: 3,
          name: params.name,
          userId: params.userId,
          userLogin: params.userId === 2 ? 'operator' : 'admin',
          prefix: CLEAR_KEY.slice(0, 9),
          legacy: params.legacy,
          m2mLogin: null,
          m2mPassword: false,
          m2mToken: false,
          createdAt: T0,
          lastUsedAt: null,
          revokedAt: null,
        };
        this.keys = [view, ...this.keys];
        return { key: CLEAR_KEY, view };
      }
      case 'apikeys.setM2m': {
        this.keys = this.keys.map((k) =>
          k.id === params.id
            ? { ...k, m2mLogin: params.login ?? null, m2mPassword: params.password === undefined ? k.m2mPassword : params.password !== null, m2mToken: params.token === undefined ? k.m2mToken : params.token !== null }
            : k,
        );
        return { view: this.keys.find((k) => k.id === params.id) };
      }
      case 'mail.addresses':
        return { enabled: true, domains: ['sms.example.org'], groups: this.groups };
      case 'mail.setAlias': {
        this.groups = this.groups.map((g) => (g.id === params.groupId ? { ...g, alias: params.alias } : g));
        return { group: this.groups.find((g) => g.id === params.groupId) };
      }
      case 'apikeys.revoke': {
        this.keys = this.keys.map((k) => (k.id === params.id ? { ...k, revokedAt: T0 + 3_600_000 } : k));
        return { view: this.keys.find((k) => k.id === params.id) };
      }
      case 'webhooks.list':
        return { endpoints: [{ url: 'https://crm.example.org/hook', events: ['reply', 'delivery'] }] };
      case 'doors.mail':
        return {
          smtp: { enabled: false, host: '127.0.0.1', port: 2525, domains: ['localhost'], senders: {}, maxTextChars: 670 },
          imap: { enabled: false, host: '127.0.0.1', port: 993, secure: true, user: '', passwordSet: false, mailbox: 'INBOX', pollSeconds: 60, bounce: null },
          listening: null,
        };
      case 'users.list':
        return { users: [] };
      case 'webhooks.log': {
        const from = params.cursor === undefined ? this.deliveries : this.deliveries.filter((d) => d.id < params.cursor);
        const page = from.slice(0, params.limit);
        return { deliveries: page, next: from.length > params.limit ? page[page.length - 1]!.id : null };
      }
      default:
        throw new Error(`unexpected ${method}`);
    }
  }
}

let fake: FakeIntegrations;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

async function renderPanel(role: Role = 'admin', initiallyOpen = true) {
  useAppStore.getState().signedIn({ id: 1, login: 'admin', name: 'Администратор', role, locale: 'ru' });
  const result = render(
    <StationContext.Provider value={fake.commands}>
      <IntegrationsPanel initiallyOpen={initiallyOpen} />
    </StationContext.Provider>,
  );
  await settle();
  return result;
}

beforeEach(() => {
  resetAppStore();
  localStorage.clear();
  fake = new FakeIntegrations();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('integrations panel', () => {
  it('is not there for a dispatcher and asks the station nothing', async () => {
    await renderPanel('dispatcher');
    expect(screen.queryByTestId(ids.panel)).toBeNull();
    expect(fake.calls).toEqual([]);
  });

  it('loads nothing until an administrator opens it', async () => {
    await renderPanel('admin', false);
    expect(fake.calls).toEqual([]);
    const panel = screen.getByTestId(ids.panel) as HTMLDetailsElement;
    await act(async () => {
      panel.open = true;
      panel.dispatchEvent(new Event('toggle'));
    });
    await settle();
    expect(fake.methods().sort()).toEqual(['apikeys.list', 'doors.mail', 'mail.addresses', 'users.list', 'webhooks.list', 'webhooks.log']);
  });

  it('lists keys with their user, prefix, last use and the legacy mark, never a whole key', async () => {
    await renderPanel();
    const zabbix = within(screen.getByTestId(ids.keyRow(2)));
    expect(zabbix.getByRole('rowheader').textContent).toBe('Zabbix');
    expect(zabbix.getByText('operator')).toBeTruthy();
    expect(zabbix.getByText('sb_Zx9q1a…')).toBeTruthy();
    expect(screen.getByTestId(ids.keyState(2)).getAttribute('data-state')).toBe('live');
    const old = within(screen.getByTestId(ids.keyRow(1)));
    expect(old.getByText('ни разу')).toBeTruthy();
    expect(old.getByText('МТС 1.45')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Отозвать ключ «Zabbix» (sb_Zx9q1a…)' })).toBeTruthy();
  });

  it('re-reads the keys on refresh, so a script calling in shows as a new last use', async () => {
    await renderPanel();
    expect(within(screen.getByTestId(ids.keyRow(1))).getByText('ни разу')).toBeTruthy();
    fake.keys = fake.keys.map((k) => (k.id === 1 ? { ...k, lastUsedAt: T0 } : k));
    fireEvent.click(screen.getByTestId(ids.keysRefresh));
    await settle();
    expect(within(screen.getByTestId(ids.keyRow(1))).queryByText('ни разу')).toBeNull();
  });

  it('creates a key for the chosen user and shows it once with a warning and a copy button', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderPanel();
    const newButton = screen.getByTestId(ids.newKey);
    newButton.focus();
    fireEvent.click(newButton);
    const dialog = screen.getByRole('dialog', { name: 'Новый API-ключ' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Название: кто или что пользуется ключом'));
    expect((within(dialog).getByTestId(ids.createSubmit) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId(ids.name), { target: { value: '  Nagios  ' } });
    fireEvent.change(within(dialog).getByLabelText('Пользователь, с чьими правами работает ключ'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId(ids.createSubmit));
    await settle();

    expect(fake.calls.find((c) => c.method === 'apikeys.create')!.params).toEqual({ userId: 2, name: 'Nagios', legacy: false });
    const shown = screen.getByRole('dialog', { name: 'Ключ создан' });
    expect(shown.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(shown.getAttribute('aria-describedby')!)!.textContent).toContain('показывается один раз');
    const keyField = within(shown).getByLabelText('API-ключ «Nagios» для operator') as HTMLInputElement;
    expect(keyField.value).toBe(CLEAR_KEY);
    expect(keyField.readOnly).toBe(true);
    expect(document.activeElement).toBe(keyField);

    fireEvent.click(within(shown).getByRole('button', { name: 'Копировать' }));
    await settle();
    expect(writeText).toHaveBeenCalledWith(CLEAR_KEY);
    expect(screen.getByTestId(ids.copied).textContent).toBe('Скопировано');

    fireEvent.click(screen.getByTestId(ids.done));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.body.textContent).not.toContain(CLEAR_KEY);
    expect(screen.getByTestId(ids.keyRow(3)).textContent).toContain('Nagios');
    expect(document.activeElement).toBe(newButton);
  });

  it('asks before revoking: cancel leaves the key, confirm revokes it', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId(ids.revoke(2)));
    const ask = screen.getByRole('alertdialog', { name: 'Отозвать ключ?' });
    expect(ask.textContent).toContain('401');
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Отмена' }));
    fireEvent.click(within(ask).getByRole('button', { name: 'Отмена' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.methods()).not.toContain('apikeys.revoke');

    screen.getByTestId(ids.revoke(2)).focus();
    fireEvent.click(screen.getByTestId(ids.revoke(2)));
    fireEvent.click(screen.getByTestId(ids.revokeConfirm));
    await settle();
    expect(fake.calls.find((c) => c.method === 'apikeys.revoke')!.params).toEqual({ id: 2 });
    expect(screen.getByTestId(ids.keyState(2)).getAttribute('data-state')).toBe('revoked');
    expect(screen.queryByTestId(ids.revoke(2))).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId(ids.newKey));
  });

  it('is usable from the keyboard: Tab stays inside a dialog and Escape closes it', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId(ids.revoke(2)));
    const ask = screen.getByRole('alertdialog');
    const [cancel, confirm] = within(ask).getAllByRole('button');
    confirm!.focus();
    fireEvent.keyDown(confirm!, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.methods()).not.toContain('apikeys.revoke');
  });

  it('sets a key’s MTS login, password and token, sending only what changed, and shows the login on the key', async () => {
    await renderPanel();
    fireEvent.click(screen.getByTestId(m2m.signIn(1)));
    const dialog = screen.getByTestId(m2m.dialog);
    expect(dialog.textContent).toContain('Пароль не задан.');
    fireEvent.change(screen.getByTestId(m2m.login), { target: { value: '79141591070' } });
    fireEvent.change(screen.getByTestId(m2m.password), { target: { value: 'short' } });
    fireEvent.click(screen.getByTestId(m2m.save));
    expect(screen.getByTestId(ids.dialogError).textContent).toContain('не короче 8');
    fireEvent.change(screen.getByTestId(m2m.password), { target: { value: '123456-old' } });
    fireEvent.click(screen.getByTestId(m2m.save));
    await settle();
    expect(fake.calls.find((c) => c.method === 'apikeys.setM2m')!.params).toEqual({ id: 1, login: '79141591070', password: '123456-old' });
    expect(screen.queryByTestId(m2m.dialog)).toBeNull();
    expect(screen.getByTestId(m2m.badge(1)).textContent).toBe('МТС: 79141591070');
    expect(document.body.textContent).not.toContain('123456-old');
  });

  it('lists each group’s mail addresses, quoting names with spaces, and saves an alias', async () => {
    await renderPanel();
    expect(screen.getByTestId(m2m.mailRow(7)).textContent).toContain('"Бригада 1"@sms.example.org');
    expect(screen.getByTestId(m2m.mailRow(8)).textContent).toContain('north@sms.example.org');
    fireEvent.change(screen.getByTestId(m2m.alias(7)), { target: { value: 'brigada1' } });
    fireEvent.click(screen.getByTestId(m2m.aliasSave(7)));
    await settle();
    expect(fake.calls.find((c) => c.method === 'mail.setAlias')!.params).toEqual({ groupId: 7, alias: 'brigada1' });
    expect(screen.getByTestId(m2m.mailRow(7)).textContent).toContain('brigada1@sms.example.org');
  });

  it('shows webhook receivers and the delivery log with code, attempts, next retry and error', async () => {
    await renderPanel();
    // Each receiver is an editable row: its address, the events it gets ticked.
    const endpoints = screen.getByTestId(ids.endpoints);
    expect((within(endpoints).getByRole('textbox', { name: 'Адрес (URL)' }) as HTMLInputElement).value).toBe('https://crm.example.org/hook');
    expect(within(endpoints).getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked).map((c) => c.parentElement!.textContent)).toEqual(['ответы', 'доставка']);
    const pending = screen.getByTestId(ids.logRow(3));
    expect(pending.getAttribute('data-status')).toBe('pending');
    const cells = within(pending).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(2)).toEqual(['ответы', 'ожидает', '503', '2', expect.stringMatching(/\d/), 'The receiver answered HTTP 503.']);
    expect(within(screen.getByTestId(ids.logRow(2))).getAllByRole('cell')[6]!.textContent).toBe('—');
  });

  it('pages the delivery log with the cursor the station gave', async () => {
    fake.deliveries = Array.from({ length: 60 }, (_, i) => ({ ...fake.deliveries[1]!, id: 60 - i }));
    await renderPanel();
    expect(within(screen.getByTestId(ids.log)).getAllByRole('row')).toHaveLength(51);
    fireEvent.click(screen.getByTestId(ids.logMore));
    await settle();
    expect(fake.calls.filter((c) => c.method === 'webhooks.log').map((c) => c.params)).toEqual([{ limit: 50 }, { limit: 50, cursor: 11 }]);
    expect(within(screen.getByTestId(ids.log)).getAllByRole('row')).toHaveLength(61);
    expect(screen.queryByTestId(ids.logMore)).toBeNull();
  });

  it('speaks English when the desk is set to English', async () => {
    useAppStore.getState().setLocale('en');
    await renderPanel();
    expect(screen.getByRole('heading', { name: 'API keys' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Revoke key "Zabbix" (sb_Zx9q1a…)' })).toBeTruthy();
    expect(within(screen.getByTestId(ids.logRow(3))).getByText('pending')).toBeTruthy();
  });

  it("shows the station's sentence when it refuses", async () => {
    fake.refuse = 'Only an administrator can manage API keys and webhooks. Ask one.';
    await renderPanel();
    expect(screen.getAllByRole('alert')[0]!.textContent).toBe(fake.refuse);
  });
});
