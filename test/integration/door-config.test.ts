// Mail doors and webhooks configured from the control room: the SMTP door is switched on, moved
// and given senders without a restart, and a test mail through it sends the SMS it asks for; an
// IMAP login that fails says why; webhook endpoints are added (a secret required, kept on edit,
// never shown), tested with a signed delivery, and what the screen stored outlives a restart.
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlRoomClient, refusal } from '../tools/control-room-client.js';
import { dispatchStation, PEOPLE, until, type DispatchStation } from '../tools/dispatch-station.js';
import { freePort } from '../tools/integrations-fixture.js';

let s: DispatchStation;
let ru: ControlRoomClient;
let hooks: Server;
let hookUrl: string;
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  s = await dispatchStation();
  ru = await ControlRoomClient.login(s.station.url, 'admin', s.station.initialAdminPassword!, 'ru');
  hooks = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-switchboard-signature']) });
      res.writeHead(req.url === '/broken' ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(hooks.address() as { port: number }).port}/sms`;
});
afterAll(async () => {
  ru?.close();
  await s?.stop();
  await new Promise<void>((r) => hooks.close(() => r()));
});

const imapOff = { enabled: false, host: '127.0.0.1', port: 993, secure: true, user: '', mailbox: 'INBOX', pollSeconds: 60, bounce: null };

describe('the mail doors', () => {
  it('start as config.json has them (off here)', async () => {
    const doors = await ru.request('doors.mail', {});
    expect(doors).toMatchObject({ smtp: { enabled: false, domains: ['localhost'] }, imap: { enabled: false, passwordSet: false }, listening: null });
  });

  it('switch the SMTP door on without a restart; a test mail through it sends the SMS', async () => {
    const port = await freePort();
    const refused = await refusal(
      ru.request('doors.saveMail', { smtp: { enabled: true, host: '127.0.0.1', port, domains: ['sms.example.org'], senders: { 'scada@example.org': 'nobody' }, maxTextChars: 670 }, imap: imapOff }),
    );
    expect(refused.message).toBe('Письма с scada@example.org отправлялись бы от имени «nobody», но такого пользователя нет. Создайте его или выберите другого.');
    const saved = await ru.request('doors.saveMail', {
      smtp: { enabled: true, host: '127.0.0.1', port, domains: ['sms.example.org'], senders: { 'SCADA@example.org': 'disp' }, maxTextChars: 670 },
      imap: imapOff,
    });
    expect(saved.listening).toBe(port);
    expect(saved.smtp.senders).toEqual({ 'scada@example.org': 'disp' });

    const test = await ru.request('doors.testMail', { door: 'smtp', from: 'scada@example.org', to: `${PEOPLE.petrov.phone}@sms.example.org` });
    expect(test.ok).toBe(true);
    const sentTo = () => s.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE phone = ? AND direction = 'out'`).pluck().get(PEOPLE.petrov.phone) as number;
    await until(() => sentTo() > 0, 10_000, 'the SMS the mail asked for');
    // From a sender not on the list the door refuses, and the test says so.
    const stranger = await ru.request('doors.testMail', { door: 'smtp', from: 'intruder@example.org', to: `${PEOPLE.petrov.phone}@sms.example.org` });
    expect(stranger.ok).toBe(false);
    expect(stranger.detail).toMatch(/\d{3}/);
    const audit = s.station.core.store.audit.recent(10, 'doors.mail')[0]!;
    expect(audit.detail).toMatchObject({ smtp: { enabled: { before: false, after: true } } });
  });

  it('keeps the old door running when the new settings cannot start', async () => {
    const busy = createServer();
    const port = await new Promise<number>((r) => busy.listen(0, '127.0.0.1', () => r((busy.address() as { port: number }).port)));
    try {
      const before = (await ru.request('doors.mail', {})).listening;
      const err = await refusal(
        ru.request('doors.saveMail', { smtp: { enabled: true, host: '127.0.0.1', port, domains: ['sms.example.org'], senders: {}, maxTextChars: 670 }, imap: imapOff }),
      );
      expect(err.message).toMatch(/^Почтовый шлюз не запустился/);
      expect((await ru.request('doors.mail', {})).listening).toBe(before);
    } finally {
      busy.close();
    }
  });

  it('tests an IMAP login and says why it failed; the password is kept, never shown', async () => {
    const dead = await freePort();
    const saved = await ru.request('doors.saveMail', {
      smtp: (await ru.request('doors.mail', {})).smtp,
      imap: { ...imapOff, host: '127.0.0.1', port: dead, secure: false, user: 'mail2sms', password: 'imap-secret-1' },
    });
    expect(saved.imap).toMatchObject({ user: 'mail2sms', passwordSet: true });
    expect(JSON.stringify(saved)).not.toContain('imap-secret-1');
    const test = await ru.request('doors.testMail', { door: 'imap' });
    expect(test.ok).toBe(false);
    expect(test.detail).toMatch(/ECONNREFUSED|connect/i);
    const stored = s.station.core.store.db.prepare(`SELECT value FROM settings WHERE key = 'doors.imap'`).pluck().get() as string;
    expect(stored).not.toContain('imap-secret-1');
    expect(JSON.stringify(s.station.core.store.audit.recent(20))).not.toContain('imap-secret-1');
  });
});

describe('webhooks on screen', () => {
  it('need a secret, keep it on an edit, and a signed test delivery reaches the receiver', async () => {
    const noSecret = await refusal(ru.request('webhooks.save', { endpoints: [{ url: hookUrl, events: ['reply'] }] }));
    expect(noSecret.message).toContain(hookUrl);
    await ru.request('webhooks.save', { endpoints: [{ url: hookUrl, events: ['reply'], secret: 'a-signing-secret-of-24' }] });
    const edited = await ru.request('webhooks.save', { endpoints: [{ url: hookUrl, events: ['reply', 'delivery'] }] });
    expect(edited.endpoints).toEqual([{ url: hookUrl, events: ['reply', 'delivery'] }]);

    const test = await ru.request('webhooks.test', { url: hookUrl });
    expect(test).toMatchObject({ ok: true, status: 204 });
    const last = received.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ event: 'test' });
    expect(last.signature).toBe(`sha256=${createHmac('sha256', 'a-signing-secret-of-24').update(last.body).digest('hex')}`);

    const broken = hookUrl.replace('/sms', '/broken');
    await ru.request('webhooks.save', { endpoints: [{ url: hookUrl, events: ['reply'] }, { url: broken, events: ['reply'], secret: 'another-secret-0123' }] });
    expect(await ru.request('webhooks.test', { url: broken })).toMatchObject({ ok: false, status: 500 });
    // Replies go to the endpoints as saved, at once.
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'Принял');
    await until(() => received.filter((r) => JSON.parse(r.body).event === 'reply').length >= 2, 10_000, 'the reply on both endpoints');
  });

  it('are stored sealed, and are what the station uses', async () => {
    const stored = s.station.core.store.db.prepare(`SELECT value FROM settings WHERE key = 'doors.webhooks'`).pluck().get() as string;
    expect(stored).not.toContain('a-signing-secret-of-24');
    expect(s.station.core.integrations!.webhooks.endpoints().map((e) => e.url)).toEqual([hookUrl, hookUrl.replace('/sms', '/broken')]);
  });
});
