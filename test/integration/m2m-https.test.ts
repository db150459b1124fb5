// Issue 15 case 10: scripts written for `https://` keep their scheme. The station serves TLS itself
// (server.tls, here its self-signed certificate); the MTS door answers over it as the operator's
// did: python3-zeep built from the published WSDL on SOAP 1.1 and 1.2, the plain .asmx GET and POST
// forms, and PHP SoapClient loading the station's own WSDL over https — each client trusting only
// the station's certificate — and the WSDL it serves names the https address.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, startOrg, type Org } from '../tools/integrations-fixture.js';
import { call, runBatch, runPhp } from '../tools/m2m-batch.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
let org: Org;
let asmx: string;
let cafile: string;

beforeAll(async () => {
  org = await startOrg({ server: { tls: { selfSigned: true } } });
  asmx = `${org.station.url}/m2m/m2m_api.asmx`;
  cafile = join(org.dir, 'tls', 'cert.pem');
});
afterAll(() => org.stop());

describe('10. the MTS door over https', () => {
  it('serves the WSDL with its https address to curl trusting the station’s certificate', async () => {
    expect(org.station.url).toMatch(/^https:\/\//);
    const r = await curl(`${asmx}?WSDL`, ['--cacert', cafile]);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`<soap12:address location="${asmx}" />`);
    expect(r.body).toContain(`<http:address location="${asmx}" />`);
  });

  it('answers zeep (published WSDL) on SOAP 1.1 and 1.2 and the .asmx GET and POST forms, every answer valid', async () => {
    const auth = { login: 'dispatcher', password: md5(org.legacyKey) };
    const calls = [
      call('Soap', 'SendMessage', { msid: '79160000001', message: 'https SOAP 1.1', naming: '', ...auth }),
      call('Soap12', 'SendMessages', { msids: ['79160000001', '79160000002'], message: 'https SOAP 1.2', naming: '', ...auth }),
      call('get', 'GetBalance', auth),
      call('post', 'SendMessage', { msid: '89160000002', message: 'https форма', ...auth }),
    ];
    const answers = await runBatch(asmx, calls, undefined, cafile);
    expect(answers.map((a) => [a.valid, a.error ?? a.fault ?? null])).toEqual(calls.map(() => [true, null]));
    expect(answers[0]!.ok).toEqual(expect.any(Number));
    expect(org.station.core.store.messages.view(answers[0]!.ok as number)).toMatchObject({ text: 'https SOAP 1.1' });
  });

  it('answers PHP SoapClient loading the station’s WSDL over https (SOAP 1.2, verify_peer on)', async () => {
    const answers = await runPhp({
      wsdl: `${asmx}?WSDL`,
      options: { soap_version: 2, cafile },
      calls: [
        { op: 'SendMessage', args: { msid: '79160000001', message: 'PHP по https', naming: '', login: 'dispatcher', password: md5(org.legacyKey) } },
        { op: 'GetBalance', args: { login: 'dispatcher', password: md5('wrong') } },
      ],
    });
    expect(answers[0]!.ok).toEqual({ SendMessageResult: expect.any(Number) });
    expect(answers[1]).toMatchObject({ fault: expect.stringMatching(/^INCORRECT_PASSWORD/), status: 500 });
  });

  it('is refused by a client that does not trust the certificate (nothing is sent in clear)', async () => {
    const answers = await runBatch(asmx, [call('get', 'GetBalance', { login: 'dispatcher', password: md5(org.legacyKey) })]);
    expect(answers[0]!.error).toMatch(/SSL|certificate/i);
  });
});
