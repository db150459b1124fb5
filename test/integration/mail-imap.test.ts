// mail2sms from an existing mailbox: a real dovecot IMAP server, a monitor's mail appended to
// it, the station's poller picking it up. Needs Debian's dovecot-imapd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { startDovecot, type Dovecot } from '../tools/dovecot.js';

let org: Org;
let imap: Dovecot;

beforeAll(async () => {
  imap = await startDovecot();
  org = await startOrg({
    integrations: {
      smtp: { domains: ['sms.example.org'], senders: { 'zabbix@example.org': 'admin' } },
      imap: { enabled: true, host: '127.0.0.1', port: imap.port, secure: false, user: imap.user, password: imap.password, pollSeconds: 0.3 },
    },
  });
});
afterAll(async () => {
  await org?.stop();
  await imap?.stop();
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
});
