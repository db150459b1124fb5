// Issue 15's numbered cases, each sent as the outside script that ran into it sends it: curl with
// the exact bytes, PHP's SoapClient (php-soap) as the published PHP libraries use it, and raw SOAP.
// Each test says what was sent, what came back and what the station stored.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, freePort, run, startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { runPhp } from '../tools/m2m-batch.js';
import { setGroupAlias } from '../../main/station/integrations/mail/mail-aliases.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const pct = (buf: Buffer) => [...buf].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const NS = 'http://mcommunicator.ru/M2M';

let org: Org;
let base: string;
let asmx: string;
let smtpPort: number;
const crew: Record<string, number> = {};

beforeAll(async () => {
  smtpPort = await freePort();
  org = await startOrg({
    integrations: { smtp: { enabled: true, port: smtpPort, domains: ['sms.example.org'], senders: { 'zabbix@example.org': 'admin' } } },
  });
  const { store } = org.station.core;
  for (const name of ['Бригада 1', 'Северный район']) {
    crew[name] = store.groups.create(name);
    store.groups.addMember(crew[name]!, org.contacts.ivanov);
  }
  setGroupAlias(store.db, crew['Северный район']!, 'north-district');
  base = org.station.url;
  asmx = `${base}/m2m/m2m_api.asmx`;
  const keys = org.station.core.integrations!.keys;
  const dispatcher = keys.list().find((k) => k.userLogin === 'dispatcher' && !k.legacy)!;
  // The dispatcher's old MTS sign-in, set on the key by the administrator: the script keeps it.
  await keys.setM2m(dispatcher.id, { login: '79141591070', password: '123456-old', token: '724f681c-734f-4810-b128-e11f07f3eb60' });
});
afterAll(() => org.stop());

let files = 0;
/** Exact bytes for curl's --data-binary: an argument would be re-encoded as UTF-8 on the way. */
function bytes(buf: Buffer): string {
  const file = join(org.dir, `body-${files++}.bin`);
  writeFileSync(file, buf);
  return `@${file}`;
}

const lastText = () => org.station.core.store.db.prepare(`SELECT text FROM messages WHERE direction = 'out' ORDER BY id DESC LIMIT 1`).pluck().get() as string;
const count = () => org.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'out'`).pluck().get() as number;
const soap11 = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('1. paths in any case: never the control room page for an API call', () => {
  it('answers /M2M/m2m_api.asmx/SendMessage (capitals) with a sent message, not HTML', async () => {
    const before = count();
    const q = new URLSearchParams({ msid: '79160000001', message: 'Капитальные буквы', naming: '', login: '', password: org.dispatcherKey });
    const r = await curl(`${base}/M2M/m2m_api.asmx/SendMessage?${q}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/xml/);
    expect(r.body).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="utf-8"\\?>\\n<long xmlns="${NS}">\\d+</long>$`));
    expect(count()).toBe(before + 1);
    expect(lastText()).toBe('Капитальные буквы');
  });

  it('serves the WSDL on ?WSDL, ?wsdl and any case of the path, with its own address', async () => {
    for (const path of ['/m2m/m2m_api.asmx?WSDL', '/M2M/M2M_API.ASMX?wsdl', '/M2M/m2m_api.asmx?Wsdl']) {
      const r = await curl(`${base}${path}`);
      expect(r.status).toBe(200);
      expect(r.body).toContain(`<soap:address location="${base}/m2m/m2m_api.asmx" />`);
      expect(r.body).toContain('<http:binding verb="GET" />');
    }
  });

  it('answers an unknown method or path under /m2m with an error, never 200 HTML', async () => {
    const m = await curl(`${base}/M2M/m2m_api.asmx/SendSms?msid=1`);
    expect(m.status).toBe(500);
    expect(m.body).toMatch(/^WRONG_ID: There is no method "SendSms"/);
    const p = await curl(`${base}/M2M/api.asmx/SendMessage`);
    expect(p.status).toBe(404);
    expect(p.body).not.toMatch(/<html/i);
  });

  it('takes SOAP posted to the path in capitals (PHP SoapClient with the operator’s URL style)', async () => {
    const [r] = await runPhp({ wsdl: `${base}/M2M/M2M_API.asmx?WSDL`, calls: [{ op: 'GetBalance', args: { login: '', password: org.dispatcherKey } }] });
    expect(r).toEqual({ ok: { GetBalanceResult: expect.stringMatching(/^\d+$/) } });
  });
});

describe('2. credentials as 1.x and 2.x scripts send them, on an ordinary key', () => {
  it('takes the token as `password` with an empty `login` in a raw form post (the kino-khv JS client)', async () => {
    const body = `msid=79160000001&message=Бронь №12 "Фильм"&naming=kino&login=&password=${org.dispatcherKey}`;
    const r = await curl(`${asmx}/SendMessage`, ['-H', 'Content-Type: application/x-www-form-urlencoded', '--data-binary', body]);
    expect(r.status).toBe(200);
    expect(lastText()).toBe('Бронь №12 "Фильм"');
  });

  it('takes the old MTS token the administrator kept on the key, as password and as Bearer (with two spaces)', async () => {
    const token = '724f681c-734f-4810-b128-e11f07f3eb60';
    const a = await curl(`${base}/M2M/m2m_api.asmx/SendMessage?msid=79160000002&message=token&naming=&login=&password=${token}`);
    expect(a.status).toBe(200);
    const b = await curl(`${asmx}/SendMessage?msid=79160000002&message=bearer&naming=trivago`, ['-H', `Authorization: Bearer  ${token}`]);
    expect(b.status).toBe(200);
    expect(lastText()).toBe('bearer');
  });

  it('takes the old login + MD5(password) in PHP SoapClient, SOAP 1.2, unchanged but for the URL', async () => {
    const [r] = await runPhp({
      wsdl: `${asmx}?WSDL`,
      options: { soap_version: 2 },
      calls: [{ op: 'SendMessage', args: { msid: '79160000001', message: 'Старый скрипт', naming: '', login: '79141591070', password: md5('123456-old') } }],
    });
    expect(r!.ok).toEqual({ SendMessageResult: expect.any(Number) });
    expect(lastText()).toBe('Старый скрипт');
  });

  it('refuses a wrong password as INCORRECT_PASSWORD in a SOAP 1.1 fault with HTTP 500, audited', async () => {
    const [r] = await runPhp({ wsdl: `${asmx}?WSDL`, calls: [{ op: 'GetGroups', args: { login: '79141591070', password: md5('wrong') } }] });
    expect(r).toMatchObject({ fault: expect.stringMatching(/^INCORRECT_PASSWORD: The login or the MD5 of the password is not valid/), code: 'soap:Client', status: 500 });
    expect(r!.detail).toMatchObject({ code: '103', description: 'INCORRECT_PASSWORD' });
    expect(org.station.core.store.audit.recent(1, 'api.auth.failed')[0]).toMatchObject({ target: expect.stringMatching(/^soap:/), actor: '79141591070' });
  });

  it('does not take MD5 of an ordinary key as a password (only a key flagged legacy answers so)', async () => {
    const bad = await curl(`${asmx}/GetGroups?login=admin&password=${md5(org.adminKey)}`);
    expect(bad.status).toBe(500);
    const legacy = await curl(`${asmx}/GetGroups?login=dispatcher&password=${md5(org.legacyKey)}`);
    expect(legacy.status).toBe(200);
  });
});

describe('3. what the .asmx never refused', () => {
  it('ignores validityPeriod on SendMessage (the Go client sends it) and logs what it ignored', async () => {
    const q = new URLSearchParams({ msid: '79160000001', message: 'go client', naming: 'x', login: '', password: org.dispatcherKey, validityPeriod: '000000001000000R' });
    const r = await curl(`${asmx}/SendMessage?${q}`);
    expect(r.status).toBe(200);
    expect(org.station.core.store.audit.recent(1, 'api.call')[0]!.detail).toMatchObject({ door: 'asmx', outcome: 'ok', ignored: ['validityPeriod'] });
  });

  it('sends what comes before a stray & in unencoded text, as the .asmx read it, and ignores the empty parameter it makes', async () => {
    const r = await curl(`${asmx}/SendMessage?msid=79160000001&message=Tom&+Jerry&naming=&password=${org.dispatcherKey}`);
    expect(r.status).toBe(200);
    expect(lastText()).toBe('Tom');
    expect(org.station.core.store.audit.recent(1, 'api.call')[0]!.detail).toMatchObject({ ignored: [' Jerry'] });
  });

  it('takes every number form the operator took: 8…, +7…, 7…, ten digits 9…', async () => {
    for (const msid of ['89160000002', '+79160000002', '79160000002', '9160000002', '8 (916) 000-00-02']) {
      const r = await curl(`${asmx}/SendMessage?${new URLSearchParams({ msid, message: `форма ${msid}`, password: org.dispatcherKey })}`);
      expect(r.status, msid).toBe(200);
      expect(org.station.core.store.db.prepare('SELECT phone FROM messages ORDER BY id DESC LIMIT 1').pluck().get()).toBe('+79160000002');
    }
  });

  it('reads parameter names in any case (MSID, Message) as the .asmx form collection did', async () => {
    const r = await curl(`${asmx}/SendMessage?MSID=79160000001&Message=${encodeURIComponent('Регистр')}&Password=${org.dispatcherKey}`);
    expect(r.status).toBe(200);
    expect(lastText()).toBe('Регистр');
  });
});

describe('4. Windows-1251 and KOI8-R text, declared or not, on every door', () => {
  const TEXT = 'Отключение 10 кВ, выезд бригады';

  it('.asmx GET with percent-encoded cp1251 and KOI8-R', async () => {
    for (const cs of ['windows-1251', 'koi8-r']) {
      const r = await curl(`${asmx}/SendMessage?msid=79160000001&message=${pct(iconv.encode(TEXT, cs))}&password=${org.dispatcherKey}`);
      expect(r.status, cs).toBe(200);
      expect(lastText(), cs).toBe(TEXT);
    }
  });

  it('.asmx form POST in cp1251, declared with charset=windows-1251 and undeclared, raw and percent-encoded', async () => {
    const raw = Buffer.concat([Buffer.from(`password=${org.dispatcherKey}&msid=79160000001&message=`), iconv.encode(TEXT, 'windows-1251')]);
    for (const [type, body] of [
      ['application/x-www-form-urlencoded; charset=windows-1251', raw],
      ['application/x-www-form-urlencoded', Buffer.from(`password=${org.dispatcherKey}&msid=79160000001&message=${pct(iconv.encode(TEXT, 'windows-1251'))}`)],
    ] as const) {
      const r = await curl(`${asmx}/SendMessage`, ['-H', `Content-Type: ${type}`, '--data-binary', bytes(body)]);
      expect(r.status, type).toBe(200);
      expect(lastText(), type).toBe(TEXT);
    }
  });

  it('SOAP with an XML declaration of windows-1251', async () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SendMessage xmlns="${NS}"><msid>79160000001</msid><message>${TEXT}</message><password>${org.dispatcherKey}</password></SendMessage></soap:Body></soap:Envelope>`;
    const r = await curl(asmx, ['-H', 'Content-Type: text/xml', '-H', `SOAPAction: "${NS}/SendMessage"`, '--data-binary', bytes(iconv.encode(xml, 'windows-1251'))]);
    expect(r.status).toBe(200);
    expect(lastText()).toBe(TEXT);
  });

  it('REST GET and form POST in cp1251', async () => {
    const g = await curl(`${base}/api/v1/send?key=${org.dispatcherKey}&to=79160000001&text=${pct(iconv.encode(TEXT, 'windows-1251'))}`);
    expect(g.status).toBe(202);
    expect(lastText()).toBe(TEXT);
    const p = await curl(`${base}/api/v1/send`, [
      '-H', `Authorization: Bearer ${org.dispatcherKey}`,
      '-H', 'Content-Type: application/x-www-form-urlencoded; charset=windows-1251',
      '--data-binary', bytes(Buffer.concat([Buffer.from('to=79160000002&text='), iconv.encode('КОИ и 1251', 'windows-1251')])),
    ]);
    expect(p.status).toBe(202);
    expect(lastText()).toBe('КОИ и 1251');
  });
});

describe('5. the operations clients call first', () => {
  it('GetBalance, GetStatistics and GetCompanyMode answer through PHP SoapClient (what client READMEs suggest to test a connection)', async () => {
    const answers = await runPhp({
      wsdl: `${asmx}?WSDL`,
      calls: ['GetBalance', 'GetStatistics', 'GetCompanyMode'].map((op) => ({ op, args: { login: '79141591070', password: md5('123456-old') } })),
    });
    expect(answers[0]!.ok).toEqual({ GetBalanceResult: expect.stringMatching(/^\d+$/) });
    expect(answers[1]!.ok).toMatchObject({ GetStatisticsResult: { PacketSize: 3000, TotalBilledSms: expect.any(Number) } });
    expect(answers[2]!.ok).toEqual({ GetCompanyModeResult: 'Company' });
  });

  it('SendMessagesWithValidityPeriod takes its parameters in the published order (login before validityPeriod)', async () => {
    const [r] = await runPhp({
      wsdl: `${asmx}?WSDL`,
      calls: [{ op: 'SendMessagesWithValidityPeriod', args: { msids: { string: ['79160000001'] }, message: 'порядок', naming: '', login: '79141591070', validityPeriod: '000000010000000R', password: md5('123456-old') } }],
    });
    expect(r!.ok).toMatchObject({ SendMessagesWithValidityPeriodResult: { SendMessageIDs: { Msid: '79160000001' } } });
  });
});

describe('6, 7. replies a poller can read; faults a JAX-WS client can read', () => {
  it('GetMessages gives each incoming message one DeliveryInfoExt with an empty TargetMsid (PHP SoapClient reads it)', async () => {
    org.station.core.inbound.receive({ from: '+79160000001', text: 'Готово #4711', receivedAt: Date.now(), carrierRef: 'case-6' }, 'sim');
    const [r] = await runPhp({
      wsdl: `${asmx}?WSDL`,
      calls: [{ op: 'GetMessages', args: { messageType: 'MO', subscriberMsids: { string: ['79160000001'] }, DateFrom: '2000-01-01T00:00:00', DateTo: '2100-01-01T00:00:00', login: '79141591070', password: md5('123456-old') } }],
    });
    const info = (r!.ok as { GetMessagesResult: { MessageInfo: Record<string, unknown> } }).GetMessagesResult.MessageInfo;
    expect(info).toMatchObject({ MessageType: 'MO', SenderMsid: '79160000001', MessageText: 'Готово #4711', DeliveryInfo: { DeliveryInfoExt: { TargetMsid: '', DeliveryStatus: 'Delivered' } } });
  });

  it('answers every SOAP fault with HTTP 500 and its text, 1.1 and 1.2, whatever the cause', async () => {
    const cases: [string, string][] = [
      ['unauthenticated', `<GetGroups xmlns="${NS}"><password>nope-nope-nope-nope</password></GetGroups>`],
      ['forbidden', `<SendMessage xmlns="${NS}"><msid>79160000003</msid><message>x</message><password>${org.dispatcherKey}</password></SendMessage>`],
      ['not found', `<GetMessageStatus xmlns="${NS}"><messageID>999999</messageID><password>${org.dispatcherKey}</password></GetMessageStatus>`],
      ['bad msid', `<SendMessage xmlns="${NS}"><msid>12</msid><message>x</message><password>${org.dispatcherKey}</password></SendMessage>`],
      ['unknown method', `<SendSms xmlns="${NS}" />`],
    ];
    for (const [what, body] of cases) {
      const r11 = await curl(asmx, ['-H', 'Content-Type: text/xml; charset=utf-8', '--data-binary', soap11(body)]);
      expect(r11.status, what).toBe(500);
      expect(r11.body, what).toMatch(/<faultcode>soap:Client<\/faultcode><faultstring>[A-Z_]+: .+<\/faultstring><faultactor>/);
      const env12 = `<?xml version="1.0"?><soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"><soap12:Body>${body}</soap12:Body></soap12:Envelope>`;
      const r12 = await curl(asmx, ['-H', 'Content-Type: application/soap+xml; charset=utf-8', '--data-binary', env12]);
      expect(r12.status, what).toBe(500);
      expect(r12.headers['content-type'], what).toMatch(/^application\/soap\+xml/);
      expect(r12.body, what).toContain('<soap:Value>soap:Sender</soap:Value>');
    }
    const refused = await curl(asmx, ['-H', 'Content-Type: text/xml', '--data-binary', soap11(cases[1]![1])]);
    expect(refused.body).toContain('OPERATION_NOT_ALLOWED: Nothing was sent. +79160000003: You have no right to send to this person. Ask an administrator.');
  });

  it('refuses XML with a DOCTYPE (XXE, billion laughs) before parsing it, as a 500 fault', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetGroups xmlns="${NS}"><login>&lol2;</login></GetGroups></soap:Body></soap:Envelope>`;
    const r = await curl(asmx, ['-H', 'Content-Type: text/xml', '--data-binary', laughs]);
    expect(r.status).toBe(500);
    expect(r.body).toContain('The request XML contains a DOCTYPE');
  });
});

describe('8. one malformed number refuses that number, not the list', () => {
  it('REST: the valid numbers go, the malformed one is in refused[]', async () => {
    const r = await curl(`${base}/api/v1/send`, ['-H', `Authorization: Bearer ${org.dispatcherKey}`, '--data-urlencode', 'to=89160000001,791600,+7 916 000-00-02', '--data-urlencode', 'text=Частично']);
    expect(r.status).toBe(202);
    const body = r.json as { messages: { phone: string }[]; refused: { phone?: string; reason: string }[] };
    expect(body.messages.map((m) => m.phone).sort()).toEqual(['+79160000001', '+79160000002']);
    expect(body.refused).toEqual([{ phone: '791600', reason: expect.stringMatching(/not a valid phone number/) }]);
  });

  it('REST: a list of only malformed numbers is a 400 naming them', async () => {
    const r = await curl(`${base}/api/v1/send?key=${org.dispatcherKey}&to=12,34&text=x`);
    expect(r.status).toBe(400);
    expect((r.json as { refused: unknown[] }).refused).toHaveLength(2);
  });

  it('.asmx: SendMessages answers MessageID 0 for the malformed and the unreachable, ids for the rest', async () => {
    const r = await curl(`${asmx}/SendMessages?msids=79160000001&msids=7916&msids=79160000003&msids=89160000002&message=x&password=${org.dispatcherKey}`);
    expect(r.status).toBe(200);
    const ids = [...r.body.matchAll(/<Msid>([^<]*)<\/Msid><MessageID>(\d+)<\/MessageID>/g)].map((m) => [m[1], Number(m[2]) > 0]);
    expect(ids).toEqual([['79160000001', true], ['7916', false], ['79160000003', false], ['79160000002', true]]);
    await until('audit of the refusals', () => (org.station.core.store.audit.recent(1, 'api.call')[0]!.detail as { refusedCount?: number }).refusedCount === 2);
  });
});

describe('9. mail2sms to any group name', () => {
  async function swaks(args: string[]): Promise<string> {
    try {
      const { stdout } = await run('swaks', ['--server', '127.0.0.1', '--port', String(smtpPort), '--hide-informational', '--from', 'zabbix@example.org', ...args], { timeout: 30_000 });
      return stdout;
    } catch (err) {
      return (err as { stdout: string }).stdout;
    }
  }
  const lastGroupSend = () =>
    org.station.core.store.db
      .prepare(`SELECT b.text, b.source, group_concat(m.phone) AS phones FROM broadcasts b JOIN messages m ON m.broadcast_id = b.id GROUP BY b.id ORDER BY b.id DESC LIMIT 1`)
      .get() as { text: string; source: string; phones: string };

  it('takes a quoted local part with a space, "Бригада 1"@…, that smtp-server alone refused with 501', async () => {
    const out = await swaks(['--to', '"Бригада 1"@sms.example.org', '--header', 'Subject: Выезд', '--body', 'Кабель 10 кВ']);
    expect(out).toContain('250 Queued as broadcast');
    expect(lastGroupSend()).toMatchObject({ text: 'Выезд\nКабель 10 кВ', source: 'mail', phones: '+79160000001' });
  });

  it('takes the docs’ own unquoted "Северный район@…" and the alias the administrator set, north-district@…', async () => {
    expect(await swaks(['--to', 'Северный район@sms.example.org', '--header', 'Subject: Без кавычек', '--body', 'x'])).toContain('250 Queued');
    expect(lastGroupSend().text).toBe('Без кавычек\nx');
    expect(await swaks(['--to', 'north-district@sms.example.org', '--header', 'Subject: По алиасу', '--body', 'x'])).toContain('250 Queued');
    expect(lastGroupSend()).toMatchObject({ text: 'По алиасу\nx', phones: '+79160000001' });
  });

  it('takes the group from an RFC 2047 display name on mail2sms@, and from an encoded-word local part', async () => {
    const word = `=?UTF-8?B?${Buffer.from('Бригада 1').toString('base64')}?=`;
    const out = await swaks(['--to', 'mail2sms@sms.example.org', '--header', `To: ${word} <mail2sms@sms.example.org>`, '--header', 'Subject: По имени', '--body', 'без тегов']);
    expect(out).toContain('250 Queued');
    expect(lastGroupSend()).toMatchObject({ text: 'По имени\nбез тегов', phones: '+79160000001' });
    expect(await swaks(['--to', `${word}@sms.example.org`, '--header', 'Subject: Слово', '--body', 'x'])).toContain('250 Queued');
    expect(lastGroupSend().text).toBe('Слово\nx');
  });

  it('reads 8-bit mail with no charset declared (a raw cp1251 Subject, a KOI8-R body) as the Russian it is', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: zabbix@example.org\r\nTo: north-district@sms.example.org\r\nSubject: '),
      iconv.encode('Отключение фидера 7', 'windows-1251'),
      Buffer.from('\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      iconv.encode('Выезд бригады через 10 минут', 'koi8-r'),
      Buffer.from('\r\n'),
    ]);
    const out = await swaks(['--to', 'north-district@sms.example.org', '--data', bytes(raw).slice(1)]);
    expect(out).toContain('250 Queued');
    expect(lastGroupSend().text).toBe('Отключение фидера 7\nВыезд бригады через 10 минут');
  });

  it('refuses an unknown group at RCPT TO, saying how to write one with spaces', async () => {
    const out = await swaks(['--to', '"Бригада 9"@sms.example.org', '--header', 'Subject: x', '--body', 'x']);
    expect(out).toMatch(/550 There is no group "Бригада 9"\. Use a group's name \(quoted when it has spaces/);
  });
});
