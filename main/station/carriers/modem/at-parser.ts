// Turns the raw byte stream of a modem into lines and `> ` prompts. Pure: no timers, no I/O.
// What it survives, because real modems send it: CR-only and LF-only line ends, lines split over
// several reads or several lines in one read, NULs and other control bytes after a reset or from
// line noise, and the SMS prompt, which has no line end at all.

export type AtToken = { type: 'line'; text: string } | { type: 'prompt' };

/** A line longer than this is noise (no modem line comes close: a PDU line is at most ~360). */
const MAX_LINE = 2048;

export class AtLineParser {
  private buffer = '';
  /** Count of characters dropped as noise since the parser was made: for the status detail. */
  noise = 0;

  push(chunk: Uint8Array | string): AtToken[] {
    const text = typeof chunk === 'string' ? chunk : latin1(chunk);
    const out: AtToken[] = [];
    for (const ch of text) {
      if (ch === '\r' || ch === '\n') {
        this.flushLine(out);
        continue;
      }
      // '>' opening a line is the prompt, even when an echoing modem puts the PDU right after it
      // on the same line ("> 0791…", seen in Gammu logs: gammu/gammu#264).
      if (ch === '>' && this.buffer.trim() === '') {
        this.buffer = '';
        out.push({ type: 'prompt' });
        continue;
      }
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) {
        // Control bytes and 8-bit garbage are never part of an AT line (PDUs travel as hex).
        this.noise++;
        continue;
      }
      this.buffer += ch;
      if (this.buffer.length > MAX_LINE) {
        this.noise += this.buffer.length;
        this.buffer = '';
      }
    }
    return out;
  }

  /** Drops a half-received line, e.g. after the port was reopened. */
  reset(): void {
    this.buffer = '';
  }

  private flushLine(out: AtToken[]): void {
    const line = this.buffer.trim();
    this.buffer = '';
    if (line.length > 0) out.push({ type: 'line', text: line });
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
