import { html, svg, type TemplateResult } from "lit";
import type { ServicePanelT } from "../../i18n/service-panel.js";
import type { ServicePanel } from "../../runtime/api-types.js";

const WIDTH = 240;
const HEIGHT = 56;
const PAD = 4;

type Metric = ServicePanel["metrics"][number];

/** A value with its unit, in the page's number format ("12.5 %", "40 Mbit/s"). */
export const withUnit = (value: number, unit: string, locale: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;

/**
 * One metric as a small area chart: an inline SVG with `role="img"` named by a sentence (the
 * latest and the highest value), so it says the same to a screen reader as to the eye.
 */
export function renderSparkline(t: ServicePanelT, metric: Metric, locale: string): TemplateResult {
  const values = metric.points.map((p) => p.value);
  const top = Math.max(1, ...values);
  const last = values.at(-1) ?? 0;
  const step = (WIDTH - 2 * PAD) / Math.max(1, values.length - 1);
  const y = (v: number) => HEIGHT - PAD - (v / top) * (HEIGHT - 2 * PAD);
  const line = values.map((v, i) => `${(PAD + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const area = `${PAD},${HEIGHT - PAD} ${line} ${(PAD + (values.length - 1) * step).toFixed(1)},${HEIGHT - PAD}`;
  const summary = t.panel.chart(metric.label, withUnit(last, metric.unit, locale), withUnit(Math.max(0, ...values), metric.unit, locale));
  return html`
    <figure class="metric" part="metric">
      <figcaption><span class="metric-label">${metric.label}</span> <span class="metric-last">${withUnit(last, metric.unit, locale)}</span></figcaption>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${summary} preserveAspectRatio="none">
        ${values.length > 1 ? svg`<polygon class="area" points=${area}></polygon><polyline class="line" points=${line}></polyline>` : svg``}
      </svg>
    </figure>
  `;
}
