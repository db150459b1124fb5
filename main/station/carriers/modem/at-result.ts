// What a line from the modem means: a final result code ending a command, an unsolicited result
// code (URC) the modem sends on its own, or an information line of the command in flight.
// 27.007 §4 (result codes), 27.005 §3 (SMS URCs).

export type FinalResult =
  | { kind: 'ok' }
  | { kind: 'error'; family: 'cms' | 'cme' | 'plain'; code: number | null; text: string };

export function parseFinal(line: string): FinalResult | null {
  if (line === 'OK') return { kind: 'ok' };
  if (line === 'ERROR' || line === 'NO CARRIER' || line === 'COMMAND NOT SUPPORT' || line === 'TOO MANY PARAMETERS') {
    return { kind: 'error', family: 'plain', code: null, text: line };
  }
  const m = /^\+(CMS|CME) ERROR:\s*(.*)$/.exec(line);
  if (m) {
    const arg = m[2]!.trim();
    const code = /^\d+$/.test(arg) ? Number(arg) : null;
    return { kind: 'error', family: m[1] === 'CMS' ? 'cms' : 'cme', code, text: arg };
  }
  return null;
}

/** URCs followed by one more line (the PDU) that belongs to them. */
const TWO_LINE_URCS = ['+CMT:', '+CDS:', '+CBM:'];

/** URCs we know; anything else starting with + or ^ outside a command is an unknown URC. */
const KNOWN_URCS = [
  '+CMTI:', '+CDSI:', '+CMT:', '+CDS:', '+CBM:', '+CREG:', '+CGREG:', '+CEREG:', '+CPIN:', '+CFUN:',
  '+CIEV:', '+CUSD:', '+CLIP:', '+CRING:', '^RSSI:', '^BOOT:', '^MODE:', '^SYSSTART', '^SRVST:', '+PBREADY',
  'RING', 'RDY', 'Call Ready', 'SMS Ready', '+QIND:', '+CSQN:',
];

export function urcName(line: string): string | null {
  for (const u of KNOWN_URCS) if (line.startsWith(u)) return u.replace(/:$/, '');
  return null;
}

export function urcHasBody(line: string): boolean {
  return TWO_LINE_URCS.some((u) => line.startsWith(u));
}

/** Parses the comma list after "+XXX: ", honouring quotes: `+CMTI: "SM",3` → ['SM', '3']. */
export function fields(line: string): string[] {
  const colon = line.indexOf(':');
  const rest = colon >= 0 ? line.slice(colon + 1) : line;
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of rest) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}
