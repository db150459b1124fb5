// What a line from the modem means: a final result code ending a command, an unsolicited result
// code (URC) the modem sends on its own, or an information line of the command in flight.
// 27.007 §4 (result codes), V.250 §5.7 (BUSY, NO ANSWER…), 27.005 §3 (SMS URCs).

export type FinalResult =
  | { kind: 'ok' }
  | { kind: 'error'; family: 'cms' | 'cme' | 'plain'; code: number | null; text: string };

const PLAIN_ERRORS = new Set(['ERROR', 'NO CARRIER', 'BUSY', 'NO ANSWER', 'NO DIALTONE', 'COMMAND NOT SUPPORT', 'TOO MANY PARAMETERS']);

export function parseFinal(line: string): FinalResult | null {
  if (line === 'OK') return { kind: 'ok' };
  if (PLAIN_ERRORS.has(line)) return { kind: 'error', family: 'plain', code: null, text: line };
  const m = /^\+(CMS|CME) ERROR:\s*(.*)$/.exec(line);
  if (m) {
    const arg = m[2]!.trim();
    const code = /^\d+$/.test(arg) ? Number(arg) : null;
    return { kind: 'error', family: m[1] === 'CMS' ? 'cms' : 'cme', code, text: arg };
  }
  return null;
}

/** URCs followed by one more line (the PDU) that belongs to them (27.005 §3.4.1). */
export const TWO_LINE_URCS = ['+CMT', '+CDS', '+CBM'];

/**
 * URCs every 27.005/27.007 modem may send. Vendor URCs (^RSSI, +QIND, ^SYSSTART…) come from the
 * profile table; other modules (voice calls) register theirs on the session.
 */
export const STANDARD_URCS = [
  '+CMTI', '+CDSI', '+CMT', '+CDS', '+CBM', '+CREG', '+CGREG', '+CEREG', '+CPIN', '+CFUN', '+CIEV',
  '+CUSD', '+CLIP', '+CRING', '+CCWA', 'RING', 'RDY', 'Call Ready', 'SMS Ready',
];

/** True when `line` is the URC `prefix`: the prefix is followed by its end, ':' or a space. */
export function urcMatches(line: string, prefix: string): boolean {
  if (!line.startsWith(prefix)) return false;
  if (line.length === prefix.length) return true;
  const next = line[prefix.length]!;
  return next === ':' || next === ' ' || prefix.endsWith(':') || prefix.endsWith(' ');
}

export function urcName(line: string): string | null {
  for (const u of STANDARD_URCS) if (urcMatches(line, u)) return u;
  return null;
}

export function urcHasBody(line: string): boolean {
  return TWO_LINE_URCS.some((u) => urcMatches(line, u));
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

/**
 * The parenthesised lists of a test command's answer (`AT+CNMI=?`, `AT+CPMS=?`), each expanded:
 * `+CNMI: (0-3),(0,1),(0,2,3),(0,2),(1)` → [[0,1,2,3],[0,1],[0,2,3],[0,2],[1]];
 * `+CPMS: ("SM","ME"),("SM")` → [['SM','ME'],['SM']]. Tolerates what modems really print: no
 * space after the colon, spaces inside, a lost quote (gammu tests/at-cpms-sr), and lists
 * without parentheses (`+CPMS: "SM","SM","SM"`, gammu tests/at-cpms-sm/iwow.dump).
 */
export function testLists(line: string): string[][] {
  const colon = line.indexOf(':');
  const rest = (colon >= 0 ? line.slice(colon + 1) : line).trim();
  const groups = [...rest.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!);
  const raw = groups.length > 0 ? groups : rest.split(',').map((x) => x);
  return raw.map((g) =>
    g
      .split(',')
      .map((x) => x.replace(/"/g, '').trim())
      .filter((x) => x.length > 0)
      .flatMap(expandRange),
  );
}

function expandRange(item: string): string[] {
  const m = /^(\d+)-(\d+)$/.exec(item);
  if (!m) return [item];
  const out: string[] = [];
  for (let i = Number(m[1]); i <= Number(m[2]) && out.length < 256; i++) out.push(String(i));
  return out;
}
