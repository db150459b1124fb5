// MTS's `validityPeriod` is an SMPP 3.4 time (§7.1.1), as the scripts written for it send:
//   relative `YYMMDDhhmmsstnnR` — `000000010000000R` is one hour, `000000001000000R` 10 minutes
//     (YY MM DD hh mm ss, then tenths and `00`);
//   absolute `YYMMDDhhmmsstnn±` — a UTC offset of nn quarter hours, e.g. `260131180000012+` is
//     31 Jan 2026 18:00 at UTC+3.
// Returns the validity in whole minutes from `now` (at least one), or undefined for none.
import { StationError } from '../../errors.js';

export function parseValidityPeriod(raw: string, now = Date.now()): number | undefined {
  const v = raw.trim();
  if (v === '' || v === '0') return undefined;
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d)(\d\d)([R+-])$/i.exec(v);
  if (!m) {
    throw new StationError(
      'bad_request',
      `validityPeriod "${raw}" is not an SMPP time (YYMMDDhhmmss000R, e.g. 000000010000000R for one hour).`,
      'validityPeriod',
    );
  }
  const [y, mo, d, h, mi, s, tenths, quarters] = m.slice(1, 9).map(Number) as [number, number, number, number, number, number, number, number];
  const kind = m[9]!.toUpperCase();
  let minutes: number;
  if (kind === 'R') {
    minutes = ((((y * 365 + mo * 30 + d) * 24 + h) * 60 + mi) * 60 + s + tenths / 10) / 60;
  } else {
    const offset = quarters * 15 * 60_000 * (kind === '-' ? -1 : 1);
    const at = Date.UTC(2000 + y, mo - 1, d, h, mi, s, tenths * 100) - offset;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || !Number.isFinite(at)) {
      throw new StationError('bad_request', `validityPeriod "${raw}" is not a date.`, 'validityPeriod');
    }
    minutes = (at - now) / 60_000;
    if (minutes <= 0) throw new StationError('bad_request', `validityPeriod "${raw}" has already passed.`, 'validityPeriod');
  }
  if (minutes <= 0) return undefined;
  return Math.max(1, Math.ceil(minutes));
}
