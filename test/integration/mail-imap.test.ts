// mail2sms from an existing mailbox: a real dovecot IMAP server, a monitor's mail appended to
// it, the station's poller picking it up. Needs Debian's dovecot-imapd. A local SMTP relay
// (smtp-server) stands in for the outgoing mail server that carries the bounces.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { startDovecot, type Dovecot } from '../tools/dovecot.js';

let org: Org;
let imap: Dovecot;
let relay: SMTPServer;
const bounces: { envelopeTo: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            bounces.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            done();
          })
          .catch(done);
      });
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayPort = (relay.server.address() as AddressInfo).port;
  imap = await startDovecot();
  org = await startOrg({
    integrations: {
      smtp: { domains: ['sms.example.org'], senders: { 'zabbix@example.org': 'admin' } },
      imap: { enabled: true, host: '127.0.0.1', port: imap.port, secure: false, user: imap.user, password: imap.password, pollSeconds: 0.3,
        bounce: { host: '127.0.0.1', port: relayPort, secure: false, from: 'mail2sms@sms.example.org' } },
    },
  });
});
afterAll(async () => {
  await org?.stop();
  await imap?.stop();
  await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
});

const subject = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

describe('mail2sms over IMAP', () => {
  it('sends an unseen mail with a #tag to the tag\'s subscribers and marks it seen', async () => {
    await imap.append(
      `From: Zabbix <zabbix@example.org>\nTo: mail2sms@sms.example.org\nSubject: ${subject('Диск заполнен #АварияСервер1')}\nContent-Type: text/html; charset=utf-8\n\n<p>Свободно 2%</p><blockquote>old thread</blockquote>\n`,
    );
    await until('the mail to be sent', () => org.station.core.store.broadcasts.recent(1)[0]?.source === 'mail');
    const b = org.station.core.store.broadcasts.recent(1)[0]!;
    expect(b).toMatchObject({ text: 'Диск заполнен #АварияСервер1\nСвободно 2%', total: 2 });
    let flags: string[][] = [];
    for (let i = 0; i < 50 && flags[0]?.join() !== '\\Seen'; i++) {
      flags = await imap.flags();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(flags).toEqual([['\\Seen']]);
  });

  it('flags a mail from an unknown sender and records why in the audit log', async () => {
    await imap.append(`From: someone@example.org\nTo: 79160000001@sms.example.org\nSubject: hi\n\nbody\n`);
    await until('the refusal', () => org.station.core.store.audit.recent(1, 'mail.refused').length > 0);
    const line = org.station.core.store.audit.recent(1, 'mail.refused')[0]!;
    expect(line.detail).toMatchObject({ door: 'imap', reason: expect.stringContaining('Sender someone@example.org may not send SMS by mail') });
    let flags: string[][] = [];
    for (let i = 0; i < 50 && flags[1]?.join() !== '\\Flagged,\\Seen'; i++) {
      flags = await imap.flags();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(flags[1]).toEqual(['\\Flagged', '\\Seen']);
  });

  it('bounces a refused mail to its sender, saying why and quoting the subject', async () => {
    await until('the bounce', () => bounces.length > 0);
    const { envelopeTo, mail } = bounces[0]!;
    expect(envelopeTo).toEqual(['someone@example.org']);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '').toBe('someone@example.org');
    expect(mail.from?.value[0]?.address).toBe('mail2sms@sms.example.org');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.subject).toContain('hi');
    expect(mail.text).toContain('Sender someone@example.org may not send SMS by mail');
    expect(mail.text).toContain('Ваше письмо «hi» не отправлено как SMS');
    expect(mail.text).toContain('Your mail "hi" was not sent as SMS');
    expect(org.station.core.store.audit.recent(1, 'mail.bounced')[0]?.detail).toMatchObject({ to: 'someone@example.org' });
  });

  it('never bounces a refused mail that is itself automatic', async () => {
    const before = bounces.length;
    await imap.append(
      `From: robot@example.org\nTo: 79160000001@sms.example.org\nAuto-Submitted: auto-replied\nSubject: ${subject('Автоответ: отпуск')}\n\nI am away\n`,
    );
    await until('the skipped bounce', () => org.station.core.store.audit.recent(1, 'mail.bounce-skipped').length > 0);
    const line = org.station.core.store.audit.recent(1, 'mail.bounce-skipped')[0]!;
    expect(line.detail).toMatchObject({ to: 'robot@example.org', why: 'Auto-Submitted: auto-replied' });
    await new Promise((r) => setTimeout(r, 500));
    expect(bounces.length).toBe(before);
  });
});

describe('a mailbox that cannot be reached', () => {
  it('is shown in health as restarting with the reason, polled again with back-off, and picks up mail once it is back', async () => {
    const { freePort } = await import('../tools/integrations-fixture.js');
    const port = await freePort(); // nothing listens here yet
    const away = await startOrg({
      integrations: {
        smtp: { domains: ['sms.example.org'], senders: { 'zabbix@example.org': 'admin' } },
        imap: { enabled: true, host: '127.0.0.1', port, secure: false, user: 'monitor', password: 'mailbox-secret', pollSeconds: 0.3 },
      },
    });
    let later: Dovecot | null = null;
    try {
      type Sub = { name: string; state: string; detail: string | null; restarts: number };
      const subsystem = async () => ((await (await fetch(`${away.station.url}/api/v1/health`)).json()) as { subsystems: Sub[] }).subsystems.find((s) => s.name === 'IMAP mailbox');
      let seen: Sub | undefined;
      await until('health to show the mailbox failing', async () => {
        seen = await subsystem();
        return seen?.state === 'restarting';
      });
      console.log(`[imap away] health: ${JSON.stringify(seen)}`);
      expect(seen!.detail).toMatch(/ECONNREFUSED|refused/i);
      // The station still answers and sends while its mailbox is away.
      expect((await fetch(`${away.station.url}/api/v1/health`)).status).toBe(200);
      later = await startDovecot({ port });
      await later.append(`From: zabbix@example.org\nTo: 79160000001@sms.example.org\nSubject: back\n\nМагистраль 2 восстановлена\n`);
      await until('the mail to be sent once the mailbox is back', () => away.station.core.store.broadcasts.recent(1)[0]?.source === 'mail', 30_000);
      await until('health to show it running again', async () => (await subsystem())?.state === 'running', 10_000);
      const after = await subsystem();
      console.log(`[imap back] health: ${JSON.stringify(after)}`);
      expect(after!.restarts).toBeGreaterThanOrEqual(1);
    } finally {
      await away.stop();
      await later?.stop();
    }
  }, 60_000);
});
