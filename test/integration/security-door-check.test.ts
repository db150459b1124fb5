// Security case 6 (issue 14): every door checks the same user state. The mail door used to send
// for a disabled user (users.byLogin ignored `disabled`) while the same user's REST key was
// refused. Now one function (auth/door-check.ts) answers for ws, REST, SOAP, .asmx and mail:
// disable the user and every door refuses; enable again and every door works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, freePort, run, startOrg, type Org } from '../tools/integrations-fixture.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';

let org: Org;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort();
  org = await startOrg({
    integrations: { smtp: { enabled: true, port: smtpPort, domains: ['sms.example.org'], senders: { 'nagios@example.org': 'dispatcher' } } },
  });
});
afterAll(() => org.stop());

async function swaks(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('swaks', ['--server', '127.0.0.1', '--port', String(smtpPort), '--hide-informational', ...args], { timeout: 30_000 });
    return stdout;
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
}

const broadcasts = () => org.station.core.store.db.prepare('SELECT count(*) FROM broadcasts').pluck().get() as number;
const dispatcherId = () => org.station.core.store.db.prepare(`SELECT id FROM users WHERE login = 'dispatcher'`).pluck().get() as number;
const setDisabled = (on: boolean) => org.station.core.store.users.update(dispatcherId(), { disabled: on });

/** The SMTP reply that decided the mail: 250 queued, or the first 5xx. */
function smtpOutcome(dialogue: string): string {
  if (dialogue.includes('250 Queued')) return '250';
  return /<\*\*\s+(5\d\d)/.exec(dialogue)?.[1] ?? dialogue;
}

async function everyDoor(): Promise<Record<string, string>> {
  const base = org.station.url;
  const mail = await swaks(['--from', 'nagios@example.org', '--to', '79160000001@sms.example.org', '--header', 'Subject: door check', '--body', 'x']);
  const keyMail = await swaks([
    '--from', 'script@elsewhere.org', '--to', '79160000001@sms.example.org',
    '--auth', 'PLAIN', '--auth-user', 'dispatcher', '--auth-password', org.dispatcherKey, '--header', 'Subject: door check', '--body', 'x',
  ]);
  const rest = await curl(`${base}/api/v1/send`, ['-H', `Authorization: Bearer ${org.dispatcherKey}`, '--data-urlencode', `to=${org.phones.ivanov}`, '--data-urlencode', 'text=door check']);
  const asmx = await curl(`${base}/m2m/m2m_api.asmx/SendMessage`, ['-H', `Authorization: Bearer ${org.dispatcherKey}`, '--data-urlencode', `msid=79160000001`, '--data-urlencode', 'message=door check', '--data-urlencode', 'naming=x']);
  let ws = 'ok';
  try {
    const c = await ControlRoomClient.login(base, 'dispatcher', 'dispatcher-pass-1');
    c.close();
  } catch (err) {
    ws = err instanceof RequestFailed ? err.error.code : String(err);
  }
  return {
    mail: smtpOutcome(mail),
    keyMail: smtpOutcome(keyMail),
    rest: String(rest.status),
    // The .asmx answers every refusal as the operator's did: HTTP 500 with the MTS code (issue 15, case 7).
    asmx: `${asmx.status} ${asmx.body.split(':')[0]}`,
    ws,
  };
}

describe('6. one user-state check on every door', () => {
  it('a disabled user is refused by mail (sender mapping and SMTP AUTH), REST, .asmx and the control room', async () => {
    setDisabled(true);
    const before = broadcasts();
    const doors = await everyDoor();
    expect(doors).toEqual({ mail: '550', keyMail: '535', rest: '401', asmx: '500 INCORRECT_PASSWORD', ws: 'unauthenticated' });
    expect(broadcasts()).toBe(before);
  });

  it('enabled again, the same user is served by every door', async () => {
    setDisabled(false);
    const before = broadcasts();
    const doors = await everyDoor();
    expect(doors.rest).toBe('202');
    expect(doors.keyMail).toBe('250');
    expect(doors.mail).toBe('250');
    expect(doors.ws).toBe('ok');
    expect(broadcasts()).toBeGreaterThanOrEqual(before + 3);
  });

  it('a role changed to viewer applies on the next call of every door, without a new key', async () => {
    const { store } = org.station.core;
    store.users.update(dispatcherId(), { role: 'viewer' });
    try {
      const rest = await curl(`${org.station.url}/api/v1/send`, ['-H', `Authorization: Bearer ${org.dispatcherKey}`, '--data-urlencode', `to=${org.phones.ivanov}`, '--data-urlencode', 'text=as viewer']);
      expect(rest.status).toBe(403);
      const mail = await swaks(['--from', 'nagios@example.org', '--to', '79160000001@sms.example.org', '--header', 'Subject: as viewer', '--body', 'x']);
      expect(mail).toMatch(/550 Nothing was sent/);
    } finally {
      store.users.update(dispatcherId(), { role: 'dispatcher' });
    }
  });
});
