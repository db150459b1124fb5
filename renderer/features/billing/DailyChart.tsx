// SMS per day of the month, out and in side by side, as inline SVG (no chart library: it must
// work offline and weigh nothing). The bars repeat what the table says; the SVG carries a title
// for screen readers and each bar a tooltip with its figures.
import type { BillingSummary } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { billingTestIds as ids } from './testids.js';

const H = 160;
const PAD_L = 40;
const PAD_B = 22;
const PAD_T = 8;

/** A round top for the axis: 1, 2, 5 × 10^n at or above the peak. */
export function niceCeil(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export function DailyChart(props: { daily: BillingSummary['daily'] }) {
  const t = useT();
  const days = props.daily;
  const top = niceCeil(Math.max(0, ...days.map((d) => Math.max(d.in, d.out))));
  const slot = 22;
  const width = PAD_L + Math.max(1, days.length) * slot + 8;
  const y = (v: number) => PAD_T + (H - PAD_T - PAD_B) * (1 - v / top);
  const bar = (slot - 6) / 2;
  const total = days.reduce((a, d) => ({ in: a.in + d.in, out: a.out + d.out }), { in: 0, out: 0 });
  return (
    <figure className="billing-chart" data-testid={ids.chart}>
      <svg viewBox={`0 0 ${width} ${H}`} width="100%" role="img" aria-labelledby="billing-chart-title">
        <title id="billing-chart-title">{t('billing.chart.title', { out: total.out, in: total.in })}</title>
        {[0, top / 2, top].map((v) => (
          <g key={v}>
            <line x1={PAD_L} x2={width} y1={y(v)} y2={y(v)} className="billing-grid" />
            <text x={PAD_L - 4} y={y(v) + 4} textAnchor="end" className="billing-axis">
              {v}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD_L + i * slot + 3;
          const label = t('billing.chart.day', { date: d.date, out: d.out, in: d.in });
          return (
            <g key={d.date}>
              <title>{label}</title>
              <rect x={x} y={y(d.out)} width={bar} height={y(0) - y(d.out)} className="billing-bar-out" />
              <rect x={x + bar} y={y(d.in)} width={bar} height={y(0) - y(d.in)} className="billing-bar-in" />
              {i % 5 === 0 || i === days.length - 1 ? (
                <text x={x + bar} y={H - 6} textAnchor="middle" className="billing-axis">
                  {Number(d.date.slice(8))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="billing-legend">
        <span className="billing-key billing-key-out" aria-hidden="true" /> {t('billing.out')}
        <span className="billing-key billing-key-in" aria-hidden="true" /> {t('billing.in')}
      </figcaption>
    </figure>
  );
}
