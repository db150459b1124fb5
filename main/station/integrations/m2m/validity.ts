// SMPP 3.4 §7.1.1 relative time, as MTS's `validityPeriod` takes it: `YYMMDDhhmmsstnnR`,
// e.g. `000000010000000R` = 1 hour, `000000001000000R` = 10 minutes. Returns minutes.
import { StationError } from '../../errors.js';

export function parseValidityPeriod(raw: string): number | undefined {
  const v = raw.trim();
  if (v === '' || v === '0') return undefined;
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\d00R$/.exec(v);
  if (!m) {
    throw new StationError(
      'bad_request',
      `validityPeriod "${raw}" is not an SMPP relative time (YYMMDDhhmmss000R, e.g. 000000010000000R for one hour).`,
      'validityPeriod',
    );
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const minutes = ((((y * 365 + mo * 30 + d) * 24 + h) * 60 + mi) * 60 + s) / 60;
  if (minutes <= 0) return undefined;
  return Math.max(1, Math.ceil(minutes));
}
