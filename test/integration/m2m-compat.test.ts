// The MTS drop-in, judged from outside by the operator's own contract: python3-zeep built from the
// PUBLISHED WSDL (test/fixtures/mts-m2m_api.wsdl, not the station's) calls every one of the 26
// operations over SOAP 1.1 and SOAP 1.2 and over zeep's HttpGet/HttpPost bindings, and plain HTTP
// GET and POST reach every operation's `.asmx/<Op>` path as a script would; every answer is
// validated against the published schema with lxml, and what it says is checked against the store.
// Four sign-in styles are spread over the doors: MTS login + MD5 of the password set on the key,
// the key as `password` with an empty login, Bearer, and a legacy key's login + MD5(key).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { call, runBatch, type M2mAnswer, type M2mCall, type Via } from '../tools/m2m-batch.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const MTS_LOGIN = 'company-admin';
const MTS_PASSWORD = 'Old-MTS-pass-2019';

let org: Org;
let asmx: string;

beforeAll(async () => {
  org = await startOrg();
  asmx = `${org.station.url}/m2m/m2m_api.asmx`;
  const keys = org.station.core.integrations!.keys;
  const admin = keys.list().find((k) => k.userLogin === 'admin')!;
  await keys.setM2m(admin.id, { login: MTS_LOGIN, password: MTS_PASSWORD });
});
afterAll(() => org.stop());

const VIAS: Via[] = ['Soap', 'Soap12', 'get', 'post'];

/** Each door signs in its own way. */
function auth(via: Via): { args: Record<string, string>; headers?: Record<string, string> } {
  switch (via) {
    case 'Soap':
    case 'post':
      return { args: { login: MTS_LOGIN, password: md5(MTS_PASSWORD) } };
    case 'Soap12':
    case 'HttpGet':
    case 'HttpPost':
      return { args: { login: '', password: org.adminKey } };
    case 'get':
      return { args: {}, headers: { Authorization: `Bearer ${org.adminKey}` } };
  }
}

function at(via: Via, op: string, args: Record<string, unknown>): M2mCall {
  const a = auth(via);
  return call(via, op, { ...args, ...a.args }, a.headers ? { headers: a.headers } : {});
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 19);
const phone = (n: number) => `7916${String(n).padStart(7, '0')}`;

function expectGood(answers: M2mAnswer[], calls: M2mCall[]): void {
  const bad = answers
    .map((a, i) => ({ a, c: calls[i]! }))
    .filter(({ a }) => a.error !== undefined || a.fault !== undefined || a.valid !== true)
    .map(({ a, c }) => `${c.via} ${c.op}: ${JSON.stringify(a).slice(0, 400)}`);
  expect(bad).toEqual([]);
}

describe('every operation of the published contract, on every door', () => {
  const ids: Record<string, { one: number; many: number[]; list: number; added: string }> = {};

  it('sends, adds subscribers and mailing lists, reads groups, users and the month, and every answer fits the published schema', async () => {
    const { north } = org.groups;
    const calls: M2mCall[] = [];
    VIAS.forEach((via, v) => {
      const base = { message: `${via}: Авария на ПС-12`, naming: 'Диспетчер' };
      calls.push(
        at(via, 'SendMessage', { msid: '89160000001', ...base }),
        at(via, 'SendMessageAtDate', { msid: '+79160000001', ...base, scheduledSendDate: tomorrow() }),
        at(via, 'SendMessageWithValidityPeriod', { msid: '9160000001', ...base, validityPeriod: '000000010000000R' }),
        at(via, 'SendMessageToMultipleSubscribers', { msids: ['79160000001', '79160000002'], ...base }),
        at(via, 'SendMessageToMultipleSubscribersAtDate', { msids: ['79160000001', '79160000002'], ...base, scheduledSendDate: tomorrow() }),
        at(via, 'SendMessages', { msids: ['79160000001', 'не номер', '89160000002'], ...base }),
        at(via, 'SendMessagesAtDate', { msids: ['79160000002'], ...base, scheduledSendDate: tomorrow() }),
        at(via, 'SendMessagesWithValidityPeriod', { msids: ['79160000002'], ...base, validityPeriod: '000000001000000R' }),
        at(via, 'SendMessagesAtDateWithValidityPeriod', { msids: ['79160000002'], ...base, scheduledSendDate: tomorrow(), validityPeriod: '000000010000000R' }),
        at(via, 'SendVariousMessages', {
          msidsAndMessages: [
            { Msid: '79160000001', Message: `${via}: первый` },
            { Msid: '79160000002', Message: `${via}: второй` },
          ],
          naming: 'Диспетчер',
          scheduledSendDate: '',
          validityPeriod: '',
        }),
        at(via, 'AddUser', { userName: `Новый ${via}`, userMSID: phone(1000 + v), userEmail: `new${v}@example.org`, webAccessEnabled: true, accessLevel: 'Operator', userGroupId: north }),
        at(via, 'GetGroups', {}),
        at(via, 'GetUsers', {}),
        at(via, 'CreateMailingList', {
          name: `Список ${via}`,
          contacts: [
            { Msid: '79160000001', Name: 'Иванов И.', Attributes: [{ Name: 'Город', Value: 'Тверь' }] },
            { Msid: phone(2000 + v), Name: 'Новичок' },
          ],
        }),
        at(via, 'GetMailingLists', {}),
        at(via, 'GetStatistics', {}),
        at(via, 'GetCompanyMode', {}),
        at(via, 'GetBalance', {}),
      );
    });
    // zeep's own HttpGet/HttpPost bindings too, for operations with a result (zeep cannot call the
    // void ones there with any server: it has no output message to read), and on HttpPost only
    // scalar parameters (zeep 4.2 posts a StringArray as Python's repr of its items).
    for (const via of ['HttpGet', 'HttpPost'] as const) {
      calls.push(
        at(via, 'SendMessage', { msid: '79160000001', message: `${via}: проверка`, naming: '' }),
        via === 'HttpGet'
          ? at(via, 'SendMessages', { msids: ['79160000001', '79160000002'], message: `${via}: проверка`, naming: '' })
          : at(via, 'GetMessageStatus', { messageID: 1 }),
        at(via, 'GetGroups', {}),
        at(via, 'GetStatistics', {}),
        at(via, 'GetBalance', {}),
      );
    }
    const answers = await runBatch(asmx, calls);
    expectGood(answers, calls);

    const per = 18;
    VIAS.forEach((via, v) => {
      const a = answers.slice(v * per, (v + 1) * per);
      const store = org.station.core.store;
      // SendMessage: one id, the text as sent, Cyrillic intact.
      const one = via === 'get' || via === 'post' ? Number(/<long[^>]*>(\d+)<\/long>/.exec(a[0]!.xml!)![1]) : (a[0]!.ok as number);
      expect(store.messages.view(one)).toMatchObject({ phone: '+79160000001', text: `${via}: Авария на ПС-12` });
      // The AtDate operations schedule; validity periods end where the SMPP time says.
      const scheduled = store.db.prepare('SELECT b.scheduled_at FROM messages m JOIN broadcasts b ON b.id = m.broadcast_id WHERE m.id = ?').pluck().get(one + 1) as number;
      expect(scheduled).toBeGreaterThan(Date.now() + 23 * 3_600_000);
      const valid = store.db.prepare('SELECT valid_until - created_at FROM messages WHERE id = ?').pluck().get(one + 2) as number;
      expect(valid).toBe(60 * 60_000);
      if (via === 'Soap' || via === 'Soap12') {
        // One entry per msid in the caller's order; the malformed one gets MessageID 0 and the rest go.
        expect(a[5]!.ok).toEqual([
          { Msid: '79160000001', MessageID: expect.any(Number) },
          { Msid: 'не номер', MessageID: 0 },
          { Msid: '79160000002', MessageID: expect.any(Number) },
        ]);
        expect((a[9]!.ok as { MessageID: number }[]).every((x) => x.MessageID > 0)).toBe(true);
        expect(a[11]!.ok).toEqual(expect.arrayContaining([{ ID: org.groups.north, Name: 'Север', Color: 0 }]));
        expect(a[12]!.ok).toEqual(
          expect.arrayContaining([
            { Name: `Новый ${via}`, Msid: phone(1000 + v), Email: `new${v}@example.org`, GroupID: org.groups.north, WebAccessEnabled: true, AccessLevel: 'Operator' },
            { Name: 'Иванов', Msid: '79160000001', Email: 'ivanov@example.org', GroupID: org.groups.north, WebAccessEnabled: null, AccessLevel: null },
          ]),
        );
        expect(a[14]!.ok).toEqual(expect.arrayContaining([{ ID: a[13]!.ok, Name: `Список ${via}` }]));
        expect(a[15]!.ok).toMatchObject({ PacketSize: 3000, GeneralPacketSize: 3000, Year: new Date().getFullYear() });
        expect(a[16]!.ok).toBe('Company');
        expect(Number(a[17]!.ok)).toBeLessThanOrEqual(3000);
      } else {
        expect(a[5]!.xml).toMatch(/<SendMessageIDs><Msid>79160000001<\/Msid><MessageID>\d+<\/MessageID><\/SendMessageIDs><SendMessageIDs><Msid>не номер<\/Msid><MessageID>0<\/MessageID>/);
        expect(a[16]!.xml).toContain('<string xmlns="http://mcommunicator.ru/M2M">Company</string>');
      }
      const listId = via === 'Soap' || via === 'Soap12' ? (a[13]!.ok as number) : Number(/<long[^>]*>(\d+)</.exec(a[13]!.xml!)![1]);
      const many = via === 'Soap' || via === 'Soap12' ? (a[5]!.ok as { MessageID: number }[]).map((x) => x.MessageID) : [...a[5]!.xml!.matchAll(/<MessageID>(\d+)</g)].map((m) => Number(m[1]));
      ids[via] = { one, many, list: listId, added: phone(1000 + v) };
    });
    // zeep's HttpGet binding read the bare answers too.
    const http = answers.slice(VIAS.length * per);
    expect(http[0]!.ok).toEqual(expect.any(Number));
    expect(http[1]!.ok).toMatchObject({ SendMessageIDs: [{ Msid: '79160000001' }, { Msid: '79160000002' }] });
  });

  it('reads statuses and messages back (MT and MO), changes and uses the lists, deletes what it added', async () => {
    expect(Object.keys(ids)).toEqual(VIAS);
    const core = org.station.core;
    await until('the immediate sends delivered', () => VIAS.every((via) => core.store.messages.view(ids[via]!.one)?.status === 'delivered'));
    // An engineer answers: an incoming (MO) message for GetMessages.
    core.inbound.receive({ from: '+79160000001', text: 'Принял, выезжаю', receivedAt: Date.now(), carrierRef: 'mo-1' }, 'sim');
    const from = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19);
    const to = new Date(Date.now() + 3_600_000).toISOString().slice(0, 19);
    const calls: M2mCall[] = [];
    for (const via of VIAS) {
      const { one, many, list, added } = ids[via]!;
      calls.push(
        at(via, 'GetMessageStatus', { messageID: one }),
        at(via, 'GetMessagesStatus', { messageIDs: [one, ...many.filter((x) => x > 0), 999_999_999] }),
        at(via, 'GetMessages', { messageType: 'MO', subscriberMsids: ['79160000001'], DateFrom: from, DateTo: to }),
        at(via, 'GetMessages', { messageType: 'All', subscriberMsids: [], DateFrom: from, DateTo: to }),
        at(via, 'GetMailingListContacts', { mailingListId: list }),
        at(via, 'SetMailingListContacts', { mailingListId: list, contacts: [{ Msid: '79160000002', Name: 'Петров П.', Attributes: [] }] }),
        at(via, 'GetMailingListContacts', { mailingListId: list }),
        at(via, 'CreateMailing', { name: `Рассылка ${via}`, mailingListID: list, text: `${via}: учения в 10:00`, date: '', naming: 'Диспетчер' }),
        at(via, 'DeleteUser', { msid: added }),
        at(via, 'DeleteMailingLists', { mailingListIDs: [list] }),
      );
    }
    const answers = await runBatch(asmx, calls);
    expectGood(answers, calls);
    const soap = answers.slice(0, 10);
    expect(soap[0]!.ok).toEqual([{ Msid: '79160000001', DeliveryStatus: 'Delivered', DeliveryDate: expect.any(String), UserDeliveryDate: expect.any(String), PartCount: 1 }]);
    const statuses = soap[1]!.ok as { MessageID: number; Delivery: unknown }[];
    expect(statuses.at(-1)).toEqual({ MessageID: 999_999_999, Delivery: null });
    expect(statuses[0]).toMatchObject({ MessageID: ids.Soap!.one, Delivery: { DeliveryInfo: [{ DeliveryStatus: 'Delivered' }] } });
    // The reply, with the one DeliveryInfoExt a CXF poller reads first, its TargetMsid an empty
    // element (JAXB reads "", zeep None): how that poller tells a reply from a sent message.
    expect(answers[20 + 2]!.xml).toMatch(/<MessageType>MO<\/MessageType>/);
    expect(answers[20 + 2]!.xml).toMatch(/<DeliveryInfo><DeliveryInfoExt><TargetMsid \/><DeliveryStatus>Delivered<\/DeliveryStatus>/);
    expect(soap[2]!.ok).toEqual([
      {
        MessageID: expect.any(Number),
        CreationDate: expect.any(String),
        SenderMsid: '79160000001',
        SenderName: 'Иванов',
        DeliveryInfo: { DeliveryInfoExt: [{ TargetMsid: null, DeliveryStatus: 'Delivered', DeliveryDate: expect.any(String), TargetName: null, UserDeliveryDate: expect.any(String) }] },
        MessageType: 'MO',
        MessageText: 'Принял, выезжаю',
      },
    ]);
    const all = soap[3]!.ok as { MessageType: string; DeliveryInfo: { DeliveryInfoExt: unknown[] } }[];
    expect(all.every((m) => m.DeliveryInfo.DeliveryInfoExt.length === 1)).toBe(true);
    expect(new Set(all.map((m) => m.MessageType))).toEqual(new Set(['MT', 'MO']));
    expect(soap[4]!.ok).toEqual([
      { Msid: '79160000001', Name: 'Иванов И.', Attributes: { MailingListAttribute: [{ Name: 'Город', Value: 'Тверь' }] } },
      { Msid: phone(2000), Name: 'Новичок', Attributes: null },
    ]);
    expect(soap[6]!.ok).toEqual([{ Msid: '79160000002', Name: 'Петров П.', Attributes: null }]);
    // CreateMailing sent to the list as it was after SetMailingListContacts; GetMessages calls it a Mailing.
    await until('the mailing sent', () => (core.store.db.prepare(`SELECT count(*) FROM messages WHERE text = 'Soap: учения в 10:00'`).pluck().get() as number) === 1);
    const [mailing] = await runBatch(asmx, [at('Soap', 'GetMessages', { messageType: 'MT', subscriberMsids: ['79160000002'], DateFrom: from, DateTo: to })]);
    expect((mailing!.ok as { MessageType: string; MessageText: string }[]).find((m) => m.MessageText === 'Soap: учения в 10:00')).toMatchObject({ MessageType: 'Mailing' });
    // Deleted: the subscriber is inactive (its history stays), the lists are gone.
    for (const via of VIAS) {
      expect(core.store.db.prepare('SELECT active FROM contacts WHERE phone = ?').pluck().get(`+${ids[via]!.added}`)).toBe(0);
      expect(core.store.groups.exists(ids[via]!.list)).toBe(false);
    }
  });
});
