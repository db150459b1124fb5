// Faults as the operator's service sent them, so clients that read its error codes keep working.
// A published MTS fault (fixtures of the mts_sms Ruby gem, recorded from the live service):
//   <faultcode>soap:Client</faultcode><faultstring>INCORRECT_PASSWORD</faultstring>
//   <faultactor>…/m2m_api.asmx</faultactor>
//   <detail><code xmlns="http://mcommunicator.ru/M2M/">103</code>
//           <description xmlns="http://mcommunicator.ru/M2M/">INCORRECT_PASSWORD</description></detail>
// 1C's standard SMS subsystem finds the code name in `<description>`; the Ruby gem reads
// `detail/code`. Both are here, with our sentence after the code name in `faultstring`, and the
// HTTP status is always 500 (a JAX-WS client treats any other status as a transport error and
// never sees the fault).
import type { ErrorCode } from '../../../../shared/protocol/index.js';
import { StationError } from '../../errors.js';
import { M2M_NS } from './contract.js';
import { escapeXml } from './xml-guard.js';

/** MTS error code names (those the operator published and clients map), and what we raise them for. */
export type MtsCode =
  | 'SYSTEM_FAILURE'
  | 'TOO_MANY_PARAMETERS'
  | 'INCORRECT_PASSWORD'
  | 'MSID_FORMAT_ERROR'
  | 'MESSAGE_FORMAT_ERROR'
  | 'WRONG_ID'
  | 'MESSAGE_HANDLING_ERROR'
  | 'NO_SUCH_SUBSCRIBER'
  | 'MAX_LENGTH_EXCEEDED'
  | 'OPERATION_NOT_ALLOWED'
  | 'EMPTY_MESSAGE_NOT_ALLOWED'
  | 'ACCOUNT_IS_BLOCKED'
  | 'OBJECT_ALREADY_EXISTS'
  | 'RATE_LIMIT_EXCEEDED';

// The numbers seen in published responses (103, 506); every other code carries 1, the generic
// number the Ruby client lists among the known ones.
const NUMBERS: Partial<Record<MtsCode, number>> = { INCORRECT_PASSWORD: 103, MSID_FORMAT_ERROR: 506 };

/** A StationError that names its MTS code itself (when the station's code alone would not tell). */
export class M2mFault extends StationError {
  override readonly name = 'M2mFault';
  constructor(
    readonly mts: MtsCode,
    code: ErrorCode,
    text: string,
    field?: string,
  ) {
    super(code, text, field);
  }
}

export function mtsCodeOf(e: StationError): MtsCode {
  if (e instanceof M2mFault) return e.mts;
  switch (e.code) {
    case 'unauthenticated':
      return 'INCORRECT_PASSWORD';
    case 'forbidden':
      return 'OPERATION_NOT_ALLOWED';
    case 'not_found':
      return 'WRONG_ID';
    case 'too_large':
      return e.field === 'text' || e.field === 'message' ? 'MAX_LENGTH_EXCEEDED' : 'TOO_MANY_PARAMETERS';
    case 'rate_limited':
      return 'RATE_LIMIT_EXCEEDED';
    case 'internal':
    case 'unavailable':
      return 'SYSTEM_FAILURE';
    case 'bad_request':
      if (e.field === 'text' || e.field === 'message') return /empty|no text|пуст/i.test(e.message) ? 'EMPTY_MESSAGE_NOT_ALLOWED' : 'MESSAGE_FORMAT_ERROR';
      if (e.field && /msid/i.test(e.field)) return 'MSID_FORMAT_ERROR';
      return 'MESSAGE_FORMAT_ERROR';
  }
}

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

export function envelope(v12: boolean, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${v12 ? SOAP12 : SOAP11}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** `INCORRECT_PASSWORD: This API key is not valid…` — the code name first, for scripts that look for it. */
export function faultText(e: StationError): string {
  return `${mtsCodeOf(e)}: ${e.message}`;
}

export function faultDetail(e: StationError): string {
  const code = mtsCodeOf(e);
  const ns = `${M2M_NS}/`;
  return (
    `<code xmlns="${ns}">${NUMBERS[code] ?? 1}</code><description xmlns="${ns}">${code}</description>` +
    `<ErrorCode xmlns="${M2M_NS}">${e.code}</ErrorCode>${e.field ? `<Field xmlns="${M2M_NS}">${escapeXml(e.field)}</Field>` : ''}`
  );
}

/** The whole fault envelope; `actor` is the endpoint, as the .asmx put it in `faultactor`. */
export function faultEnvelope(v12: boolean, e: StationError, actor: string): string {
  const sender = e.code !== 'internal';
  const text = escapeXml(faultText(e));
  if (v12) {
    return envelope(
      true,
      `<soap:Fault><soap:Code><soap:Value>soap:${sender ? 'Sender' : 'Receiver'}</soap:Value></soap:Code>` +
        `<soap:Reason><soap:Text xml:lang="en">${text}</soap:Text></soap:Reason><soap:Role>${escapeXml(actor)}</soap:Role>` +
        `<soap:Detail>${faultDetail(e)}</soap:Detail></soap:Fault>`,
    );
  }
  return envelope(
    false,
    `<soap:Fault><faultcode>soap:${sender ? 'Client' : 'Server'}</faultcode><faultstring>${text}</faultstring>` +
      `<faultactor>${escapeXml(actor)}</faultactor><detail>${faultDetail(e)}</detail></soap:Fault>`,
  );
}
