import { css } from "lit";

/** Invoice cards, their details and "Pay all"; the shared billing styles come first. */
export const styles = css`
  .filter .input {
    width: auto;
    min-width: 10rem;
  }

  .pay-all {
    display: grid;
    gap: calc(var(--_space) * 0.6);
    padding: var(--_space);
    border: 1px solid color-mix(in srgb, var(--_warning) 45%, var(--_border));
    border-left-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .pay-all-title {
    margin: 0;
    font-weight: 700;
  }

  .invoice {
    gap: calc(var(--_space) * 0.6);
  }

  .invoice-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
  }

  .number {
    margin: 0;
    font-size: 1.05em;
    line-height: 1.3;
  }

  .number:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .summary {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .invoice-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.35) calc(var(--_space) * 1.25);
    color: var(--_muted);
    font-size: 0.9em;
  }

  .invoice-meta .overdue {
    color: var(--_danger);
    font-weight: 600;
  }

  .total {
    color: var(--_text);
    font-size: 1.2em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .invoice-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
  }

  .reason {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .details[hidden] {
    display: none;
  }

  tfoot th {
    text-align: end;
    font-weight: 400;
    color: var(--_muted);
  }

  tfoot tr > * {
    border-bottom: 0;
  }

  tfoot tr:first-child > * {
    border-top: 1px solid var(--_border);
  }

  tfoot .grand > * {
    color: var(--_text);
    font-weight: 700;
  }
`;
