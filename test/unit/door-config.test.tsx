// The mail doors and webhook endpoints as an administrator sets them up on screen, against a fake
// station answering the door-config requests of shared/protocol: what is saved, what a test says,
// passwords and secrets never read back, switching off and taking away asked first.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailDoorsView, RequestName } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import { StationError } from '../../renderer/app/station-client.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { MailDoors } from '../../renderer/features/integrations/MailDoors.js';
import { WebhookEndpoints } from '../../renderer/features/integrations/WebhookEndpoints.js';
import { doorsTestIds as ids } from '../../renderer/features/integrations/doors-testids.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

class FakeDoors {
  calls: { method: string; params: any }[] = [];
  view: MailDoorsView = {
    smtp: { enabled: false, host: '127.0.0.1', port: 2525, domains: ['localhost'], senders: {}, maxTextChars: 670 },
    imap: { enabled: true, host: 'imap.example.org', port: 993, secure: true, user: 'mail2sms', passwordSet: true, mailbox: 'INBOX', pollSeconds: 60, bounce: null },
    listening: null,
  };
  readonly commands = requestOnlyCommands(async (method: RequestName, p: any) => {
    this.calls.push({ method, params: p });
    switch (method) {
      case 'doors.mail':
        return this.view;
      case 'users.list':
        return { users: [{ id: 2, login: 'disp', name: 'Диспетчер', role: 'dispatcher', locale: 'ru', disabled: false, createdAt: 0, lastLoginAt: null }] };
      case 'doors.saveMail':
        this.view = {
          smtp: p.smtp,
          imap: { ...this.view.imap, ...p.imap, passwordSet: p.imap.password === undefined ? this.view.imap.passwordSet : p.imap.password !== null, bounce: null },
          listening: p.smtp.enabled ? p.smtp.port : null,
        };
        return this.view;
      case 'doors.testMail':
        return p.door === 'smtp' ? { ok: true, detail: '250 Accepted', tookMs: 12 } : { ok: false, detail: 'Authentication failed.', tookMs: 40 };
      case 'webhooks.save':
        if (p.endpoints.some((e: { secret?: string; url: string }) => !e.secret && e.url.includes('new'))) {
          throw new StationError('bad_request', `Для ${p.endpoints.at(-1).url} нужен ключ подписи не короче 16 символов.`, 'secret');
        }
        return { endpoints: p.endpoints.map((e: { url: string; events: string[] }) => ({ url: e.url, events: e.events })) };
      case 'webhooks.test':
        return { ok: true, status: 204, detail: 'HTTP 204 No Content', tookMs: 8 };
    }
    throw new Error(`unexpected ${method}`);
  });
  last(method: string) {
    return [...this.calls].reverse().find((c) => c.method === method)?.params;
  }
}

let fake: FakeDoors;
beforeEach(() => {
  resetAppStore();
  fake = new FakeDoors();
  useAppStore.getState().signedIn({ id: 1, login: 'admin', name: 'Администратор', role: 'admin', locale: 'ru' });
});
afterEach(() => cleanup());

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => Promise.resolve());
}
const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

describe('mail doors', () => {
  it('switch the SMTP door on with its domains and senders, and a test mail says what the door answered', async () => {
    render(
      <StationContext.Provider value={fake.commands}>
        <MailDoors />
      </StationContext.Provider>,
    );
    await settle();
    expect(input(ids.imapPassword).value).toBe('');
    expect(input(ids.imapPassword).placeholder).toBe('задан — оставьте пустым, чтобы не менять');
    fireEvent.click(screen.getByTestId(ids.smtpEnabled));
    fireEvent.change(input(ids.smtpDomains), { target: { value: 'sms.example.org, sms.example.ru' } });
    fireEvent.click(screen.getByTestId(ids.senderAdd));
    fireEvent.change(input(ids.senderAddress(0)), { target: { value: 'scada@example.org' } });
    fireEvent.click(screen.getByTestId(ids.save));
    await settle();
    expect(fake.last('doors.saveMail')).toEqual({
      smtp: { enabled: true, host: '127.0.0.1', port: 2525, domains: ['sms.example.org', 'sms.example.ru'], senders: { 'scada@example.org': 'disp' }, maxTextChars: 670 },
      imap: { enabled: true, host: 'imap.example.org', port: 993, secure: true, user: 'mail2sms', mailbox: 'INBOX', pollSeconds: 60, bounce: null },
    });
    expect(screen.getByTestId(ids.listening).dataset.port).toBe('2525');
    expect(screen.getByTestId(ids.result).textContent).toBe('Почтовые шлюзы сохранены и применены.');

    fireEvent.change(input(ids.testFrom), { target: { value: 'scada@example.org' } });
    fireEvent.change(input(ids.testTo), { target: { value: '+79160000001@sms.example.org' } });
    fireEvent.click(screen.getByTestId(ids.testSmtp));
    await settle();
    expect(fake.last('doors.testMail')).toEqual({ door: 'smtp', from: 'scada@example.org', to: '+79160000001@sms.example.org' });
    expect(screen.getByTestId(ids.testResult).textContent).toBe('Получилось (12 мс): 250 Accepted');
    fireEvent.click(screen.getByTestId(ids.testImap));
    await settle();
    expect(screen.getByTestId(ids.testResult).textContent).toBe('Не получилось: Authentication failed.');
  });

  it('asks before switching a door off', async () => {
    render(
      <StationContext.Provider value={fake.commands}>
        <MailDoors />
      </StationContext.Provider>,
    );
    await settle();
    fireEvent.click(screen.getByTestId(ids.imapEnabled));
    fireEvent.click(screen.getByTestId(ids.save));
    expect(screen.getByTestId(ids.confirm.dialog).textContent).toContain('Выключить почтовый шлюз?');
    expect(fake.last('doors.saveMail')).toBeUndefined();
    fireEvent.click(screen.getByTestId(ids.confirm.ok));
    await settle();
    expect(fake.last('doors.saveMail').imap.enabled).toBe(false);
  });
});

describe('webhook endpoints', () => {
  it('are added with a secret made here and shown once, tested, and taken away after asking', async () => {
    let saved: unknown = null;
    render(
      <StationContext.Provider value={fake.commands}>
        <WebhookEndpoints endpoints={[{ url: 'https://crm.example.org/hook', events: ['reply'] }]} onSaved={(e) => (saved = e)} />
      </StationContext.Provider>,
    );
    fireEvent.click(screen.getByTestId(ids.hookAdd));
    fireEvent.change(input(ids.hookUrl(1)), { target: { value: 'https://new.example.org/sms' } });
    fireEvent.click(screen.getByTestId(ids.hookSave));
    await settle();
    expect(screen.getByTestId(ids.hookResult).textContent).toContain('нужен ключ подписи');

    fireEvent.click(screen.getByTestId(ids.hookGenerate(1)));
    const secret = input(ids.hookSecret(1)).value;
    expect(secret).toMatch(/^[A-Za-z0-9]{24,32}$/);
    expect(screen.getByRole('status').textContent).toContain(secret);
    expect(input(ids.hookTest(1))).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId(ids.hookSave));
    await settle();
    expect(fake.last('webhooks.save')).toEqual({
      endpoints: [
        { url: 'https://crm.example.org/hook', events: ['reply'] },
        { url: 'https://new.example.org/sms', events: ['reply', 'delivery', 'poll', 'confirm'], secret },
      ],
    });
    expect(input(ids.hookSecret(1)).value).toBe('');
    expect(saved).toHaveLength(2);

    fireEvent.click(screen.getByTestId(ids.hookTest(1)));
    await settle();
    expect(screen.getByTestId(ids.hookTestResult).dataset.status).toBe('204');

    fireEvent.click(screen.getByTestId(ids.hookRemove(0)));
    fireEvent.click(screen.getByTestId(ids.hookSave));
    expect(screen.getByTestId(ids.confirm.dialog).textContent).toContain('https://crm.example.org/hook');
    fireEvent.click(screen.getByTestId(ids.confirm.ok));
    await settle();
    expect(fake.last('webhooks.save').endpoints.map((e: { url: string }) => e.url)).toEqual(['https://new.example.org/sms']);
  });
});
