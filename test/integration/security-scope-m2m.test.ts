// Security case 10 (issue 14) on the MTS-compatible doors: a key reads what its user reads in the
// control room (auth/read-scope.ts, docs/security.md, docs/mts-compat.md §3). Sent as an old
// script sends it: python3-zeep built from the operator's published WSDL over SOAP, and plain GET
// and POST to the .asmx paths, with the keys of an administrator, a dispatcher limited to "Север"
// and a viewer limited to "Юг". The traffic: the admin's broadcast to all three people, the
// dispatcher's own SMS to Иванов, and replies from Иванов, Сидорова and a number nobody knows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { call, runBatch, type M2mAnswer, type M2mCall, type Via } from '../tools/m2m-batch.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';

let org: Org;
let asmx: string;
let keys: { admin: string; dispatcher: string; viewer: string };
/** Message ids by what they are. */
const m: Record<string, number> = {};

const from = () => new Date(Date.now() - 3_600_000).toISOString().slice(0, 19);
const to = () => new Date(Date.now() + 3_600_000).toISOString().slice(0, 19);
type Who = keyof typeof keys;
const WHO: Who[] = ['admin', 'dispatcher', 'viewer'];
const as = (who: Who, via: Via, op: string, args: Record<string, unknown> = {}): M2mCall => call(via, op, { ...args, login: '', password: keys[who] });

beforeAll(async () => {
  org = await startOrg();
  const { store, inbound } = org.station.core;
  await store.users.create({ login: 'watcher', name: 'Табло Юг', role: 'viewer', password: 'watcher-pass-1' });
  const viewer = store.users.byLogin('watcher')!;
  store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'group', ?)`).run(viewer.id, org.groups.south);
  keys = { admin: org.adminKey, dispatcher: org.dispatcherKey, viewer: new ApiKeyRepository(store.db).create('watcher', 'wall display').key };

  asmx = `${org.station.url}/m2m/m2m_api.asmx`;
  const [all, own] = await runBatch(asmx, [
    as('admin', 'Soap', 'SendMessages', { msids: ['79160000001', '79160000002', '79160000003'], message: 'Всем: учения', naming: '' }),
    as('dispatcher', 'Soap', 'SendMessage', { msid: '79160000001', message: 'Иванову: выезд на ПС-12', naming: '' }),
  ]);
  const ids = (all!.ok as { Msid: string; MessageID: number }[]).map((x) => x.MessageID);
  [m.toIvanov, m.toPetrov, m.toSidorova] = ids;
  m.ownToIvanov = own!.ok as number;
  await until('the sends delivered', () => Object.values(m).every((id) => store.messages.view(id)?.status === 'delivered'));
  const receivedAt = Date.now();
  inbound.receive({ from: '+79160000001', text: 'Принял, выезжаю', receivedAt, carrierRef: 'mo-iv' }, 'sim');
  inbound.receive({ from: '+79160000003', text: 'Сидорова: на месте', receivedAt, carrierRef: 'mo-si' }, 'sim');
  inbound.receive({ from: '+79169999999', text: 'Кто это?', receivedAt, carrierRef: 'mo-x' }, 'sim');
  const replyId = (phone: string) => store.db.prepare(`SELECT id FROM messages WHERE direction = 'in' AND phone = ?`).pluck().get(phone) as number | undefined;
  await until('the replies stored', () => ['+79160000001', '+79160000003', '+79169999999'].every((p) => replyId(p) !== undefined));
  m.fromIvanov = replyId('+79160000001')!;
  m.fromSidorova = replyId('+79160000003')!;
  m.fromStranger = replyId('+79169999999')!;
}, 60_000);
afterAll(() => org?.stop());

/** What each key may read, by the role table of docs/security.md. */
const SEES: Record<Who, string[]> = {
  admin: ['toIvanov', 'toPetrov', 'toSidorova', 'ownToIvanov', 'fromIvanov', 'fromSidorova', 'fromStranger'],
  // Север's people both ways, and the dispatcher's own SMS; not Сидорова, not the stranger.
  dispatcher: ['toIvanov', 'toPetrov', 'ownToIvanov', 'fromIvanov'],
  viewer: ['toSidorova', 'fromSidorova'],
};
const idsOf = (names: string[]) => names.map((n) => m[n]!).sort((a, b) => a - b);
/** The message ids a bare .asmx document names. */
const xmlIds = (xml: string) => [...xml.matchAll(/<MessageID>(\d+)<\/MessageID>/g)].map((x) => Number(x[1])).sort((a, b) => a - b);
const names = (xml: string) => [...xml.matchAll(/<Name>([^<]*)<\/Name>/g)].map((x) => x[1]).sort();
function ok(a: M2mAnswer, what: string): unknown {
  expect(a.fault ?? a.error, what).toBeUndefined();
  expect(a.valid, what).toBe(true);
  return a.ok;
}

describe('10. role-scoped reading on the SOAP and .asmx doors', () => {
  it('GetMessages: each key reads its user\'s people and its own broadcasts, over SOAP 1.1, 1.2 and the .asmx form', async () => {
    const calls: M2mCall[] = [];
    for (const who of WHO) {
      for (const via of ['Soap', 'Soap12', 'get', 'post'] as Via[]) {
        calls.push(as(who, via, 'GetMessages', { messageType: 'All', subscriberMsids: [], DateFrom: from(), DateTo: to() }));
      }
      // Asking for someone outside the scope by number gives nothing, not their traffic.
      calls.push(as(who, 'Soap', 'GetMessages', { messageType: 'MO', subscriberMsids: ['79160000003'], DateFrom: from(), DateTo: to() }));
    }
    const answers = await runBatch(asmx, calls);
    WHO.forEach((who, w) => {
      const [soap, soap12, get, post, sidorova] = answers.slice(w * 5, w * 5 + 5) as M2mAnswer[];
      const expected = idsOf(SEES[who]);
      for (const [via, a] of [['Soap', soap], ['Soap12', soap12]] as const) {
        const read = ((ok(a!, `${who} ${via}`) ?? []) as { MessageID: number }[]).map((x) => x.MessageID).sort((x, y) => x - y);
        expect(read, `${who} ${via}`).toEqual(expected);
      }
      for (const [via, a] of [['get', get], ['post', post]] as const) {
        ok(a!, `${who} ${via}`);
        expect(xmlIds(a!.xml!), `${who} ${via}`).toEqual(expected);
      }
      const mo = ((ok(sidorova!, `${who} MO from Сидорова`) ?? []) as { MessageID: number }[]).map((x) => x.MessageID);
      expect(mo, `${who} MO from Сидорова`).toEqual(who === 'dispatcher' ? [] : [m.fromSidorova]);
    });
  });

  it('GetMessageStatus and GetMessagesStatus: a message outside the scope is as unknown as a missing one', async () => {
    const everything = idsOf(SEES.admin);
    const calls: M2mCall[] = [];
    for (const who of WHO) {
      calls.push(as(who, 'Soap', 'GetMessagesStatus', { messageIDs: everything }));
      calls.push(as(who, 'get', 'GetMessagesStatus', { messageIDs: everything }));
      calls.push(as(who, 'Soap12', 'GetMessageStatus', { messageID: m.toSidorova }));
      calls.push(as(who, 'post', 'GetMessageStatus', { messageID: m.toIvanov }));
    }
    const answers = await runBatch(asmx, calls);
    WHO.forEach((who, w) => {
      const [soap, get, sidorova, ivanov] = answers.slice(w * 4, w * 4 + 4) as M2mAnswer[];
      const expected = idsOf(SEES[who]);
      // One entry per id asked for; only those in the scope carry a Delivery.
      const entries = ok(soap!, `${who} Soap`) as { MessageID: number; Delivery: { DeliveryInfo: unknown[] } | null }[];
      expect(entries.map((e) => e.MessageID), who).toEqual(everything);
      expect(entries.filter((e) => e.Delivery !== null).map((e) => e.MessageID), who).toEqual(expected);
      ok(get!, `${who} get`);
      const withDelivery = [...get!.xml!.matchAll(/<MessageStatusWithID><MessageID>(\d+)<\/MessageID><Delivery><DeliveryInfo>/g)].map((x) => Number(x[1]));
      expect(withDelivery.sort((a, b) => a - b), `${who} get`).toEqual(expected);
      const seesSidorova = SEES[who].includes('toSidorova');
      if (seesSidorova) expect(ok(sidorova!, `${who} Soap12`)).toEqual([expect.objectContaining({ Msid: '79160000003', DeliveryStatus: 'Delivered' })]);
      else expect(sidorova!.fault, who).toMatch(/^WRONG_ID: There is no message \d+ this key may read/);
      if (SEES[who].includes('toIvanov')) {
        ok(ivanov!, `${who} post`);
        expect(ivanov!.xml, who).toContain('<Msid>79160000001</Msid><DeliveryStatus>Delivered</DeliveryStatus>');
      } else {
        expect(ivanov!.status, who).toBe(500);
        expect(ivanov!.fault, who).toMatch(/^WRONG_ID: There is no message \d+ this key may read/);
      }
    });
  });

  it('GetUsers and GetMailingListContacts list only the people the key\'s user may read; GetGroups the whole tree for everyone', async () => {
    const calls: M2mCall[] = [];
    for (const who of WHO) {
      calls.push(as(who, 'Soap', 'GetUsers'));
      calls.push(as(who, 'get', 'GetUsers'));
      calls.push(as(who, 'Soap', 'GetMailingListContacts', { mailingListId: org.groups.north }));
      calls.push(as(who, 'post', 'GetMailingListContacts', { mailingListId: org.groups.south }));
      calls.push(as(who, 'Soap12', 'GetGroups'));
    }
    const answers = await runBatch(asmx, calls);
    const people: Record<Who, string[]> = { admin: ['Иванов', 'Петров', 'Сидорова'], dispatcher: ['Иванов', 'Петров'], viewer: ['Сидорова'] };
    WHO.forEach((who, w) => {
      const [users, usersGet, north, south, groups] = answers.slice(w * 5, w * 5 + 5) as M2mAnswer[];
      expect(((ok(users!, `${who} GetUsers`) ?? []) as { Name: string }[]).map((u) => u.Name).sort(), who).toEqual(people[who]);
      ok(usersGet!, `${who} GetUsers get`);
      expect(names(usersGet!.xml!), who).toEqual(people[who]);
      expect(((ok(north!, `${who} Север`) ?? []) as { Name: string }[]).map((c) => c.Name).sort(), who).toEqual(people[who].filter((n) => n !== 'Сидорова'));
      ok(south!, `${who} Юг`);
      expect(names(south!.xml!), who).toEqual(people[who].filter((n) => n === 'Сидорова'));
      expect(((ok(groups!, `${who} GetGroups`) ?? []) as { Name: string }[]).map((g) => g.Name).sort(), who).toEqual(['Север', 'Юг']);
    });
  });

  it('the month\'s counters are the station\'s, the same for every key; a viewer\'s key sends nothing', async () => {
    const before = org.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'out'`).pluck().get();
    const answers = await runBatch(asmx, [
      ...WHO.map((who) => as(who, 'Soap', 'GetBalance')),
      as('viewer', 'Soap', 'SendMessage', { msid: '79160000003', message: 'Табло не отправляет', naming: '' }),
      as('viewer', 'get', 'SendMessage', { msid: '79160000003', message: 'Табло не отправляет', naming: '' }),
    ]);
    const balances = answers.slice(0, 3).map((a, i) => ok(a, `${WHO[i]} GetBalance`));
    expect(new Set(balances).size).toBe(1);
    expect(answers[3]!.fault).toMatch(/^OPERATION_NOT_ALLOWED: Nothing was sent/);
    expect(answers[4]!.status).toBe(500);
    expect(answers[4]!.fault).toMatch(/^OPERATION_NOT_ALLOWED: Nothing was sent/);
    expect(org.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'out'`).pluck().get()).toBe(before);
  });
});
