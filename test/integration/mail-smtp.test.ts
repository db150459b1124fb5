// mail2sms over SMTP, tested with swaks as the sending server: a Cyrillic subject with a #tag
// reaches the tag's subscribers; refusals come back in the SMTP dialogue with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, run, startOrg, type Org } from '../tools/integrations-fixture.js';

let org: Org;
let port: number;

beforeAll(async () => {
  port = await freePort();
  org = await startOrg({
    integrations: {
      smtp: {
        enabled: true,
        port,
        domains: ['sms.example.org'],
        senders: { 'zabbix@example.org': 'admin', 'nagios@example.org': 'dispatcher' },
        maxTextChars: 300,
      },
    },
  });
});
afterAll(() => org.stop());

async function swaks(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('swaks', ['--server', '127.0.0.1', '--port', String(port), '--hide-informational', ...args], { timeout: 30_000 });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

const lastBroadcast = () => org.station.core.store.broadcasts.recent(1)[0];

describe('mail2sms over SMTP', () => {
  it('sends a Cyrillic subject with a #tag to that tag\'s subscribers, without the signature', async () => {
    const r = await swaks([
      '--from', 'zabbix@example.org', '--to', 'mail2sms@sms.example.org',
      '--header', 'Subject: =?UTF-8?B?' + Buffer.from('Сервер 1 недоступен #АварияСервер1').toString('base64') + '?=',
      '--header', 'Content-Type: text/plain; charset=utf-8',
      '--body', 'Пинг не проходит с 03:10.\n\n-- \nZabbix server\n',
    ]);
    expect(r.out).toContain('250 Queued as broadcast');
    const b = lastBroadcast()!;
    expect(b).toMatchObject({ source: 'mail', text: 'Сервер 1 недоступен #АварияСервер1\nПинг не проходит с 03:10.', total: 2 });
    const phones = org.station.core.store.db.prepare('SELECT phone FROM messages WHERE broadcast_id = ? ORDER BY phone').pluck().all(b.id);
    expect(phones).toEqual([org.phones.ivanov, org.phones.sidorova]);
  });

  it('sends to a phone address and to a group address, ignoring the attachment', async () => {
    const r = await swaks(['--from', 'zabbix@example.org', '--to', '79160000002@sms.example.org,Север@sms.example.org', '--header', 'Subject: Test', '--body', 'Body', '--attach', '@/etc/hostname']);
    expect(r.out).toContain('250 Queued');
    expect(lastBroadcast()).toMatchObject({ text: 'Test\nBody', total: 2 });
  });

  it('accepts SMTP AUTH with an API key from a sender not in the list', async () => {
    const r = await swaks(['--from', 'script@elsewhere.org', '--to', '79160000001@sms.example.org', '--auth', 'PLAIN', '--auth-user', 'admin', '--auth-password', org.adminKey, '--header', 'Subject: по ключу', '--body', 'тест']);
    expect(r.out).toContain('250 Queued');
  });

  it('rejects an unknown sender at MAIL FROM with the reason', async () => {
    const r = await swaks(['--from', 'stranger@example.org', '--to', 'mail2sms@sms.example.org', '--header', 'Subject: #АварияСервер1']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/550 Sender stranger@example.org may not send SMS by mail/);
  });

  it('rejects a group outside the sender\'s rights with the same words as the other doors', async () => {
    const r = await swaks(['--from', 'nagios@example.org', '--to', 'Юг@sms.example.org', '--header', 'Subject: test', '--body', 'x']);
    expect(r.out).toContain('550 Nothing was sent. a recipient outside your rights: You have no right to send to this person. Ask an administrator.');
    // Сидорова is outside the sender's rights: the bounce counts her, it does not name her.
    expect(r.out).not.toMatch(/Сидорова|79160000003/);
  });

  it('rejects a mail over the length limit, saying the limit', async () => {
    const r = await swaks(['--from', 'zabbix@example.org', '--to', '79160000001@sms.example.org', '--header', 'Subject: long', '--body', 'слово '.repeat(80)]);
    expect(r.out).toMatch(/550 The mail text is \d+ characters after trimming; the limit is 300/);
  });

  it('rejects mail2sms without any #tag', async () => {
    const r = await swaks(['--from', 'zabbix@example.org', '--to', 'mail2sms@sms.example.org', '--header', 'Subject: no tag', '--body', 'x']);
    expect(r.out).toContain('550 mail2sms needs at least one #tag');
  });

  it('rejects a recipient at a foreign domain at RCPT TO', async () => {
    const r = await swaks(['--from', 'zabbix@example.org', '--to', 'someone@other.org']);
    expect(r.out).toContain('550 This station does not take mail for someone@other.org');
  });
});
