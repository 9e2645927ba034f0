import { html, svg, type TemplateResult } from "lit";
import type { BillingT } from "../../i18n/billing.js";
import type { MonthlySpending } from "../../runtime/api-types.js";
import { dateTimeFormat, formatMoney, formatMoneyCompact, formatMonth } from "../../runtime/format.js";

/** The chart's drawing box (SVG user units); it scales to the widget's width. */
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 64 };

/** The smallest "round" number at or above `value`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The one sentence a screen reader hears for the chart: totals and the busiest month. */
export function chartSummary(t: BillingT, data: MonthlySpending, locale: string): string {
  const money = (amount: number) => formatMoney({ amount, currency: data.currency }, locale);
  const charged = data.months.reduce((sum, m) => sum + m.charged, 0);
  const paid = data.months.reduce((sum, m) => sum + m.paid, 0);
  const peak = data.months.reduce<MonthlySpending["months"][number] | null>((top, m) => (m.charged > (top?.charged ?? 0) ? m : top), null);
  const parts = [t.ledger.chartSummary(data.months.length, money(charged), money(paid))];
  if (peak) parts.push(t.ledger.chartPeak(formatMonth(peak.month, locale), money(peak.charged)));
  return parts.join(" ");
}

/**
 * Charges and payments per month as grouped bars, in an inline SVG: `role="img"` with the
 * summary as its name, a `<title>` on each month (the figures on hover), and the same data
 * as a visually hidden table for screen readers. Charges are solid bars; payments are
 * outlined, so the two series differ by shape and not by colour alone.
 */
export function renderSpendingChart(t: BillingT, data: MonthlySpending, locale: string): TemplateResult {
  const money = (amount: number) => formatMoney({ amount, currency: data.currency }, locale);
  const months = data.months;
  const top = niceCeiling(Math.max(1, ...months.map((m) => Math.max(m.charged, m.paid))));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, months.length);
  const bar = Math.min(22, slot * 0.34);
  const y = (amount: number) => PAD.top + plotHeight - (amount / top) * plotHeight;
  const ticks = [0, top / 2, top];
  const summary = chartSummary(t, data, locale);

  return html`
    <figure class="chart" part="chart">
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${summary} preserveAspectRatio="xMidYMid meet">
        ${ticks.map(
          (tick) => svg`
            <line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(tick)} y2=${y(tick)}></line>
            <text class="axis" x=${PAD.left - 8} y=${y(tick)} dy="0.35em" text-anchor="end">${formatMoneyCompact({ amount: Math.round(tick), currency: data.currency }, locale)}</text>`,
        )}
        ${months.map((m, i) => {
          const x = PAD.left + slot * i + slot / 2;
          return svg`
            <g class="month">
              <title>${t.ledger.chartMonthTitle(formatMonth(m.month, locale), money(m.charged), money(m.paid))}</title>
              <rect class="hit" x=${PAD.left + slot * i} y=${PAD.top} width=${slot} height=${plotHeight}></rect>
              <rect class="bar charged" x=${x - bar - 1} y=${y(m.charged)} width=${bar} height=${Math.max(0, PAD.top + plotHeight - y(m.charged))}></rect>
              <rect class="bar paid" x=${x + 1} y=${y(m.paid)} width=${bar} height=${Math.max(0, PAD.top + plotHeight - y(m.paid))}></rect>
              <text class="axis" x=${x} y=${HEIGHT - 8} text-anchor="middle">${shortMonth(m.month, locale)}</text>
            </g>`;
        })}
        <line class="baseline" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(0)} y2=${y(0)}></line>
      </svg>
      <figcaption class="legend" aria-hidden="true">
        <span><span class="swatch charged"></span>${t.ledger.charged}</span>
        <span><span class="swatch paid"></span>${t.ledger.paid}</span>
      </figcaption>
      <!-- The hidden table sits in a hidden box: a table is never narrower than its text, and a wide one would widen a phone's page. -->
      <div class="visually-hidden">
        <table part="chart-table">
          <caption>
            ${t.ledger.chartTitle}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.ledger.month}</th>
              <th scope="col">${t.ledger.charged}</th>
              <th scope="col">${t.ledger.paid}</th>
              <th scope="col">${t.ledger.refunded}</th>
            </tr>
          </thead>
          <tbody>
            ${months.map(
              (m) =>
                html`<tr data-month=${m.month}>
                  <th scope="row">${formatMonth(m.month, locale)}</th>
                  <td>${money(m.charged)}</td>
                  <td>${money(m.paid)}</td>
                  <td>${m.refunded ? money(m.refunded) : money(0)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </figure>
  `;
}

/** "2026-11" → "Nov" / "нояб.": the axis has no room for the year. */
function shortMonth(month: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return dateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}
