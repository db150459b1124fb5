// The MTS Communicator M2M door tested by outsiders: Debian's python3-zeep reading our WSDL, the
// .asmx HTTP GET form with curl, and raw SOAP 1.2 and hostile XML with curl.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, run, startOrg, until, type Org } from '../tools/integrations-fixture.js';

const ZEEP = fileURLToPath(new URL('../tools/zeep-client.py', import.meta.url));
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

let org: Org;
let asmx: string;

beforeAll(async () => {
  org = await startOrg();
  asmx = `${org.station.url}/m2m/m2m_api.asmx`;
});
afterAll(() => org.stop());

async function zeep(calls: [string, Record<string, unknown>][], login = 'dispatcher', key = org.legacyKey) {
  const { stdout } = await run('/usr/bin/python3', [ZEEP, `${asmx}?WSDL`, login, md5(key), JSON.stringify(calls)], { timeout: 60_000 });
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok?: unknown; fault?: string; code?: string });
}

describe('MTS M2M SOAP with zeep', () => {
  it('sends with SendMessage and SendMessages, then reads GetMessageStatus and GetMessages', async () => {
    const [one, many] = await zeep([
      ['SendMessage', { msid: '79160000001', message: 'Авария на ПС-12', naming: 'SWITCH' }],
      ['SendMessages', { msids: ['79160000001', '79160000002'], message: 'Учения в 10:00', naming: '' }],
    ]);
    const id = one!.ok as number;
    expect(id).toBeGreaterThan(0);
    expect(many!.ok).toEqual([
      { Msid: '79160000001', MessageID: expect.any(Number) },
      { Msid: '79160000002', MessageID: expect.any(Number) },
    ]);
    await until('delivery', () => org.station.core.store.messages.view(id)?.status === 'delivered');
    const [status, messages] = await zeep([
      ['GetMessageStatus', { messageID: id }],
      ['GetMessages', { messageType: 'MT', subscriberMsids: ['79160000001'], DateFrom: '2000-01-01T00:00:00', DateTo: '2100-01-01T00:00:00' }],
    ]);
    expect(status!.ok).toEqual([
      { Msid: '79160000001', DeliveryStatus: 'Delivered', DeliveryDate: expect.any(String), UserDeliveryDate: expect.any(String), PartCount: 1 },
    ]);
    const texts = (messages!.ok as { MessageText: string; MessageType: string }[]).map((m) => [m.MessageType, m.MessageText]);
    expect(texts).toEqual([['MT', 'Авария на ПС-12'], ['MT', 'Учения в 10:00']]);
  });

  it('answers a SOAP fault with the same refusal words as REST for a group outside the rights', async () => {
    const [r] = await zeep([['SendMessage', { msid: '79160000003', message: 'Тест', naming: '' }]]);
    expect(r!.fault).toContain('Nothing was sent. Сидорова (+79160000003): You have no right to send to this person. Ask an administrator.');
  });

  it('refuses a login with a wrong MD5 with a fault and an audit line', async () => {
    const [r] = await zeep([['GetGroups', {}]], 'dispatcher', 'not-the-key');
    expect(r!.fault).toContain('not valid');
    expect(org.station.core.store.audit.recent(1, 'api.auth.failed')[0]).toMatchObject({ target: expect.stringMatching(/^soap:/) });
  });
});

describe('MTS M2M .asmx HTTP form and raw SOAP', () => {
  it('answers a plain HTTP GET SendMessage with bare <long> XML', async () => {
    const q = new URLSearchParams({ msid: '79160000002', message: 'Проверка', naming: '', login: 'dispatcher', password: md5(org.legacyKey) });
    const r = await curl(`${asmx}/SendMessage?${q}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<long xmlns="http:\/\/mcommunicator.ru\/M2M">\d+<\/long>$/);
  });

  it('takes repeated msids in the GET form and a Bearer token instead of login', async () => {
    const r = await curl(`${asmx}/SendMessages?msids=79160000001&msids=79160000002&message=x&naming=`, ['-H', `Authorization: Bearer ${org.adminKey}`]);
    expect(r.body).toMatch(/<ArrayOfSendMessageIDs xmlns="http:\/\/mcommunicator.ru\/M2M"><SendMessageIDs><Msid>79160000001<\/Msid><MessageID>\d+<\/MessageID><\/SendMessageIDs><SendMessageIDs>/);
  });

  it('answers the .asmx form refusal in plain text with the same words', async () => {
    const q = new URLSearchParams({ msid: '79160000003', message: 'x', naming: '', login: 'dispatcher', password: md5(org.legacyKey) });
    const r = await curl(`${asmx}/SendMessage?${q}`);
    expect(r.status).toBe(403);
    expect(r.body).toContain('Nothing was sent. Сидорова (+79160000003): You have no right to send to this person. Ask an administrator.');
  });

  it('does not accept MD5 login for a key not flagged legacy', async () => {
    const q = new URLSearchParams({ login: 'admin', password: md5(org.adminKey) });
    const r = await curl(`${asmx}/GetGroups?${q}`);
    expect(r.status).toBe(401);
  });

  it('speaks SOAP 1.2 and answers a 1.2 fault for an unknown parameter', async () => {
    const env = (body: string) => `<?xml version="1.0" encoding="utf-8"?><soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"><soap12:Body>${body}</soap12:Body></soap12:Envelope>`;
    const h = ['-H', 'Content-Type: application/soap+xml; charset=utf-8', '-H', `Authorization: Bearer ${org.adminKey}`];
    const ok = await curl(asmx, [...h, '--data-binary', env('<GetGroups xmlns="http://mcommunicator.ru/M2M" />')]);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<GetGroupsResult><SubscriberGroupInfo><ID>');
    const bad = await curl(asmx, [...h, '--data-binary', env('<GetGroups xmlns="http://mcommunicator.ru/M2M"><color>1</color></GetGroups>')]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<soap:Value>soap:Sender</soap:Value>');
    expect(bad.body).toContain('Unknown parameter &quot;color&quot;');
  });

  it('refuses XML with a DOCTYPE (XXE, billion laughs) before parsing it', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetGroups xmlns="http://mcommunicator.ru/M2M"><login>&lol2;</login></GetGroups></soap:Body></soap:Envelope>`;
    const r = await curl(asmx, ['-H', 'Content-Type: text/xml', '--data-binary', laughs]);
    expect(r.status).toBe(400);
    expect(r.body).toContain('<faultstring>The request XML contains a DOCTYPE');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves the WSDL at ?WSDL with the M2M namespace and every method', async () => {
    const r = await curl(`${asmx}?WSDL`);
    expect(r.body).toContain('targetNamespace="http://mcommunicator.ru/M2M"');
    for (const op of ['SendMessage', 'SendMessages', 'SendMessagesWithValidityPeriod', 'SendVariousMessages', 'GetMessageStatus', 'GetMessages', 'GetGroups', 'AddUser']) {
      expect(r.body).toContain(`<wsdl:operation name="${op}">`);
    }
  });
});
