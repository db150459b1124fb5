// The MTS-compatible door's contract held against the operator's published WSDL, and the pieces
// that read arguments and write results by it.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderWsdl } from '../../main/station/integrations/m2m/wsdl.js';
import { findOperation, OPERATIONS, inHttpBindings } from '../../main/station/integrations/m2m/contract.js';
import { RUNS } from '../../main/station/integrations/m2m/ops/index.js';
import { ArgReader, nodeFromForm, nodeFromXml, parseDateTime } from '../../main/station/integrations/m2m/args.js';
import { ResultWriter, xsdDateTime } from '../../main/station/integrations/m2m/xml-out.js';
import { parseXml } from '../../main/station/integrations/m2m/xml-guard.js';
import { faultEnvelope, M2mFault, mtsCodeOf } from '../../main/station/integrations/m2m/faults.js';
import { parseValidityPeriod } from '../../main/station/integrations/m2m/validity.js';
import { ZoneClock } from '../../main/station/domain/time-zone.js';
import { StationError } from '../../main/station/errors.js';

const REFERENCE = readFileSync(new URL('../fixtures/mts-m2m_api.wsdl', import.meta.url), 'utf8');
const OPERATOR_ADDRESS = 'https://api.mcommunicator.ru/m2m/m2m_api.asmx';

/** Element tree with attributes, in document order: what a WSDL reader sees. */
function tree(xml: string): unknown {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: true, ignoreDeclaration: true });
  const strip = (nodes: unknown[]): unknown[] =>
    nodes.map((n) => {
      const o = n as Record<string, unknown>;
      const name = Object.keys(o).find((k) => k !== ':@')!;
      const attrs = (o[':@'] as Record<string, string> | undefined) ?? {};
      return { name, attrs: Object.fromEntries(Object.entries(attrs).sort()), children: strip(o[name] as unknown[]) };
    });
  return strip(parser.parse(xml) as unknown[]);
}

const moscow = new ZoneClock('Europe/Moscow');

describe('the station WSDL', () => {
  it('is the operator’s published WSDL, element for element, with the station’s own address in every port', () => {
    const ours = renderWsdl('http://switchboard.local:4938/m2m/m2m_api.asmx');
    expect(ours).not.toContain('mcommunicator.ru/m2m');
    expect(ours.match(/location="http:\/\/switchboard\.local:4938\/m2m\/m2m_api\.asmx"/g)).toHaveLength(4);
    expect(tree(ours.replaceAll('http://switchboard.local:4938/m2m/m2m_api.asmx', OPERATOR_ADDRESS))).toEqual(tree(REFERENCE));
  });

  it('declares 26 operations, 23 of them on the HttpGet and HttpPost bindings', () => {
    expect(OPERATIONS).toHaveLength(26);
    expect(OPERATIONS.filter(inHttpBindings).map((o) => o.name)).not.toContain('SendVariousMessages');
    expect(OPERATIONS.filter(inHttpBindings)).toHaveLength(23);
  });

  it('has an implementation for every operation and none beyond the contract', () => {
    expect(Object.keys(RUNS).sort()).toEqual(OPERATIONS.map((o) => o.name).sort());
  });

  it('finds an operation named in any letter case, as the .asmx did', () => {
    expect(findOperation('sendmessage')?.name).toBe('SendMessage');
    expect(findOperation('GETBALANCE')?.name).toBe('GetBalance');
    expect(findOperation('Nope')).toBeUndefined();
  });
});

describe('M2M arguments', () => {
  const read = (op: string, node: ReturnType<typeof nodeFromForm>) => new ArgReader(moscow).read(findOperation(op)!, node);

  it('takes parameter names in any case and ignores, but reports, the ones the operation lacks', () => {
    const r = read('SendMessage', nodeFromForm([['MSID', '89161234567'], ['Message', 'Tom '], [' Jerry', ''], ['validityPeriod', '000000010000000R'], ['', 'x']]));
    expect(r.values).toMatchObject({ msid: '89161234567', message: 'Tom ' });
    expect(r.ignored).toEqual([' Jerry', 'validityPeriod', '']);
  });

  it('reads lists from repeated fields, PHP brackets, comma lists and SOAP items whatever their name', () => {
    expect(read('SendMessages', nodeFromForm([['msids', '79160000001'], ['msids', '79160000002']])).values.msids).toEqual(['79160000001', '79160000002']);
    expect(read('SendMessages', nodeFromForm([['msids[0]', '79160000001'], ['msids[1]', '79160000002']])).values.msids).toEqual(['79160000001', '79160000002']);
    expect(read('SendMessages', nodeFromForm([['msids[]', '1'], ['msids[]', '2']])).values.msids).toEqual(['1', '2']);
    expect(read('SendMessages', nodeFromForm([['msids', '79160000001, 79160000002;79160000003']])).values.msids).toHaveLength(3);
    const soap = nodeFromXml((parseXml('<x><msids><string>1</string><String>2</String><string xsi:nil="true"/></msids></x>').x));
    expect(new ArgReader(moscow).read(findOperation('SendMessages')!, soap as never).values.msids).toEqual(['1', '2']);
  });

  it('reads records from indexed form paths (SendVariousMessages, CreateMailingList)', () => {
    const r = read('SendVariousMessages', nodeFromForm([['msidsAndMessages[0].Msid', '7916'], ['msidsAndMessages[0].Message', 'a'], ['msidsAndMessages[1][msid]', '7917'], ['msidsAndMessages[1][message]', 'b']]));
    expect(r.values.msidsAndMessages).toEqual([{ Msid: '7916', Message: 'a' }, { Msid: '7917', Message: 'b' }]);
    const c = read('CreateMailingList', nodeFromForm([['name', 'L'], ['contacts[0].Msid', '7916'], ['contacts[0].Attributes[0].Name', 'город'], ['contacts[0].Attributes[0].Value', 'Тверь']]));
    expect(c.values.contacts).toEqual([{ Msid: '7916', Attributes: [{ Name: 'город', Value: 'Тверь' }] }]);
  });

  it('converts longs, booleans, enums and dates by the contract, and names the parameter at fault', () => {
    const r = read('AddUser', nodeFromForm([['webAccessEnabled', 'True'], ['accessLevel', 'operator'], ['userGroupId', '12']]));
    expect(r.values).toMatchObject({ webAccessEnabled: true, accessLevel: 'Operator', userGroupId: 12 });
    expect(() => read('GetMessageStatus', nodeFromForm([['messageID', '12a']]))).toThrow(/messageID.*whole number/);
    expect(() => read('GetMessages', nodeFromForm([['messageType', 'Sometimes']]))).toThrow(/All, MO, MT/);
  });

  it('reads a zone-less date as the station’s wall time and an offset or Z as given', () => {
    expect(parseDateTime('2026-01-31T08:00:00', moscow)).toBe(Date.UTC(2026, 0, 31, 5));
    expect(parseDateTime('2026-01-31T08:00:00Z', moscow)).toBe(Date.UTC(2026, 0, 31, 8));
    expect(parseDateTime('2026-01-31T08:00:00+05:00', moscow)).toBe(Date.UTC(2026, 0, 31, 3));
    expect(parseDateTime('31.01.2026 08:00', moscow)).toBe(Date.UTC(2026, 0, 31, 5));
    expect(parseDateTime('2026-02-30T08:00:00', moscow)).toBeNull();
  });
});

describe('M2M results', () => {
  const writer = new ResultWriter((ms) => moscow.offset(ms));
  const op = (name: string) => findOperation(name)!.result!;

  it('writes fields in the contract’s order, nil where nillable, absent optional fields left out', () => {
    const xml = writer.field(op('GetMessageStatus'), [{ PartCount: 2, UserDeliveryDate: null, DeliveryDate: Date.UTC(2026, 0, 31, 5), DeliveryStatus: 'Sent', Msid: '79161234567' }], 'x');
    expect(xml).toBe(
      '<GetMessageStatusResult><DeliveryInfo><Msid>79161234567</Msid><DeliveryStatus>Sent</DeliveryStatus><DeliveryDate>2026-01-31T08:00:00+03:00</DeliveryDate>' +
        '<UserDeliveryDate xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" /><PartCount>2</PartCount></DeliveryInfo></GetMessageStatusResult>',
    );
  });

  it('refuses a value the type cannot hold instead of sending a document the client cannot read', () => {
    expect(() => writer.field(op('GetMessageStatus'), [{ Msid: '1', DeliveryStatus: 'Lost', DeliveryDate: 0, UserDeliveryDate: null, PartCount: 1 }], 'x')).toThrow(/DeliveryStatus/);
    expect(() => writer.field(op('SendMessage'), undefined, 'x')).toThrow(/required/);
  });

  it('writes times in the station’s zone with the offset, Z in UTC', () => {
    expect(xsdDateTime(Date.UTC(2026, 6, 1, 12), (ms) => moscow.offset(ms))).toBe('2026-07-01T15:00:00+03:00');
    expect(xsdDateTime(Date.UTC(2026, 6, 1, 12), () => 0)).toBe('2026-07-01T12:00:00Z');
  });
});

describe('M2M faults', () => {
  it('carry the MTS code name, number and description the way the operator’s did', () => {
    const xml = faultEnvelope(false, new StationError('unauthenticated', 'This API key is not valid.'), 'http://x/m2m/m2m_api.asmx');
    expect(xml).toContain('<faultcode>soap:Client</faultcode><faultstring>INCORRECT_PASSWORD: This API key is not valid.</faultstring>');
    expect(xml).toContain('<code xmlns="http://mcommunicator.ru/M2M/">103</code><description xmlns="http://mcommunicator.ru/M2M/">INCORRECT_PASSWORD</description>');
    expect(mtsCodeOf(new StationError('bad_request', 'x', 'msid'))).toBe('MSID_FORMAT_ERROR');
    expect(mtsCodeOf(new StationError('bad_request', 'The message is empty. Write the text to send.', 'text'))).toBe('EMPTY_MESSAGE_NOT_ALLOWED');
    expect(mtsCodeOf(new M2mFault('OBJECT_ALREADY_EXISTS', 'bad_request', 'x'))).toBe('OBJECT_ALREADY_EXISTS');
    expect(faultEnvelope(true, new StationError('internal', 'x'), 'a')).toContain('<soap:Value>soap:Receiver</soap:Value>');
  });
});

describe('SMPP validity periods', () => {
  it('reads relative times from their SMPP positions and absolute ones with their quarter-hour offset', () => {
    expect(parseValidityPeriod('000000010000000R')).toBe(60);
    expect(parseValidityPeriod('000000001000000R')).toBe(10);
    const now = Date.UTC(2026, 0, 31, 12);
    expect(parseValidityPeriod('260131180000012+', now)).toBe(180);
    expect(() => parseValidityPeriod('260131100000012+', now)).toThrow(/already passed/);
  });
});
