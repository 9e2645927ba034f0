import { css } from "lit";

/** The chart and the entries' signs; the shared billing styles come first. */
export const styles = css`
  .chart {
    container-type: inline-size;
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }

  .chart svg {
    display: block;
    width: 100%;
    height: auto;
    max-height: 16rem;
    overflow: visible;
  }

  .chart .grid {
    stroke: var(--_border);
    stroke-dasharray: 3 3;
  }

  .chart .baseline {
    stroke: var(--_muted);
  }

  .chart .axis {
    fill: var(--_muted);
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }

  /* On a phone the chart is drawn at half its size or less: its labels grow to stay readable. */
  @container (max-width: 30rem) {
    .chart .axis {
      font-size: 22px;
    }
  }

  .chart .hit {
    fill: transparent;
  }

  .chart .month:hover .hit {
    fill: color-mix(in srgb, var(--_primary) 6%, transparent);
  }

  /* Charges solid, payments outlined: the series differ by shape, not colour alone. */
  .chart .bar.charged,
  .swatch.charged {
    fill: var(--_primary);
    background: var(--_primary);
  }

  .chart .bar.paid,
  .swatch.paid {
    fill: color-mix(in srgb, var(--_success) 18%, var(--_surface));
    stroke: var(--_success);
    stroke-width: 2;
    background: color-mix(in srgb, var(--_success) 18%, var(--_surface));
    border: 2px solid var(--_success);
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 1.25);
    color: var(--_muted);
    font-size: 0.9em;
  }

  .legend > span {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }

  .swatch {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    border-radius: 2px;
  }

  .export {
    margin-inline-start: auto;
  }

  td.in {
    color: var(--_success);
    font-weight: 600;
  }
`;
