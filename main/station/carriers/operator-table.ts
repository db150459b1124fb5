// Which mobile operator a number belongs to, from numbering-plan data (prefixes and ranges, as
// the regulator publishes them, e.g. Rossvyaz's DEF-code ranges). It is data, not code: the
// station loads it from its config, and a number that was ported away simply routes by default.
import { z } from 'zod';

const Digits = z.string().regex(/^\+?\d+$/, 'digits, optionally with a leading +');

export const OperatorEntry = z.object({
  /** The operator's name as carrier routes refer to it, e.g. "mts". */
  operator: z.string().min(1),
  /** Number prefixes in E.164, e.g. "+7916". */
  prefixes: z.array(Digits).default([]),
  /** Inclusive ranges of whole numbers, e.g. {from: "+79160000000", to: "+79169999999"}. */
  ranges: z.array(z.object({ from: Digits, to: Digits })).default([]),
});
export type OperatorEntry = z.infer<typeof OperatorEntry>;

export const OperatorTableConfig = z.array(OperatorEntry);
export type OperatorTableConfig = z.input<typeof OperatorTableConfig>;

interface Rule {
  operator: string;
  matches(digits: string): boolean;
  /** Numbers the rule covers (log10): the narrowest rule wins over a broad one. */
  width: number;
}

export class OperatorTable {
  private readonly rules: Rule[];

  constructor(entries: OperatorTableConfig = []) {
    const parsed = OperatorTableConfig.parse(entries);
    this.rules = [];
    for (const entry of parsed) {
      for (const p of entry.prefixes) {
        const prefix = digitsOf(p);
        this.rules.push({ operator: entry.operator, matches: (d) => d.startsWith(prefix), width: 15 - prefix.length });
      }
      for (const r of entry.ranges) {
        const from = digitsOf(r.from);
        const to = digitsOf(r.to);
        if (from.length !== to.length || from > to) {
          throw new RangeError(`Operator "${entry.operator}": range ${r.from}–${r.to} must have equal lengths and from ≤ to.`);
        }
        const width = Math.log10(Number(BigInt(to) - BigInt(from) + 1n));
        this.rules.push({
          operator: entry.operator,
          matches: (d) => d.length === from.length && d >= from && d <= to,
          width,
        });
      }
    }
    this.rules.sort((a, b) => a.width - b.width);
  }

  /** The operator of an E.164 number, or undefined when the table does not cover it. */
  operatorOf(phone: string): string | undefined {
    const digits = digitsOf(phone);
    return this.rules.find((r) => r.matches(digits))?.operator;
  }
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
