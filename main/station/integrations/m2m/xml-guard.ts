// Hostile XML is refused before any parser sees it: a DOCTYPE is how XXE (external entities
// reading local files) and "billion laughs" (entities expanding to gigabytes) get in, and no
// honest SOAP client sends one. Processing instructions other than the XML declaration go too.
import { XMLParser } from 'fast-xml-parser';
import { StationError } from '../../errors.js';

export class HostileXmlError extends StationError {
  override readonly name = 'HostileXmlError';
  constructor(what: string) {
    super('bad_request', `The request XML contains ${what}, which this service refuses. Send a plain SOAP envelope.`);
  }
}

export function guardXml(text: string): void {
  if (/<!DOCTYPE/i.test(text)) throw new HostileXmlError('a DOCTYPE');
  if (/<!ENTITY/i.test(text)) throw new HostileXmlError('an entity declaration');
  if (/<\?(?!xml\s)[^>]*\?>/i.test(text)) throw new HostileXmlError('a processing instruction');
}

// Attributes are read (as `@_name`) only so `xsi:nil="true"` can be told from an empty string.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // Numeric character references (`&#1040;`), which some clients write for every Cyrillic letter.
  htmlEntities: true,
});

/** Guards, then parses to plain objects; element names lose their namespace prefixes. */
export function parseXml(text: string): Record<string, unknown> {
  guardXml(text);
  try {
    return parser.parse(text, true) as Record<string, unknown>;
  } catch {
    throw new StationError('bad_request', 'The request is not well-formed XML. Check the envelope your client sends.');
  }
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
