import { css } from "lit";
import { badges, layout, lists } from "../theme/blocks.js";
import { controls, themeTokens } from "../theme/tokens.js";

/**
 * What the billing widgets draw alike: headings, notices, status badges, money tables,
 * filters and forms. Each widget adds its own layout on top.
 */
export const billingStyles = [
  themeTokens,
  controls,
  layout,
  css`
    .subheading {
      margin: 0;
      font-size: 1.05em;
      line-height: 1.3;
    }

    .muted {
      color: var(--_muted);
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: calc(var(--_space) * 0.5) var(--_space);
    }

    .field {
      display: grid;
      gap: calc(var(--_space) * 0.25);
    }

    .field > span,
    .field > label,
    legend {
      font-weight: 600;
    }

    .filters .input {
      width: auto;
      min-width: 9rem;
    }

    .hint {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }

    .field-error {
      margin: 0;
      color: var(--_danger);
      font-size: 0.9em;
      font-weight: 600;
    }

    a.button {
      text-decoration: none;
    }

    .button.small {
      min-height: 2rem;
      padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.75);
      font-size: 0.9em;
    }

    /* A disabled action says why, so it is not only greyed out. */
    .button[disabled][aria-disabled="true"],
    .button[aria-disabled="true"] {
      cursor: not-allowed;
      filter: grayscale(0.6);
    }

    .link-button {
      padding: 0;
      border: 0;
      background: none;
      color: var(--_primary);
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }

    .link-button:focus-visible,
    a:focus-visible,
    input[type="radio"]:focus-visible,
    [tabindex="-1"]:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }

    a {
      color: var(--_primary);
    }

  `,
  badges,
  css`
    /* Tables scroll sideways on a narrow screen rather than squeezing the amounts. */
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      box-shadow: var(--_shadow);
    }

    .table-wrap:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }

    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.95em;
    }

    th,
    td {
      padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.75);
      border-bottom: 1px solid var(--_border);
      text-align: start;
      vertical-align: top;
    }

    thead th {
      color: var(--_muted);
      font-size: 0.85em;
      font-weight: 600;
      white-space: nowrap;
      background: var(--_background);
    }

    tbody tr:last-child > * {
      border-bottom: 0;
    }

    tbody th {
      font-weight: 400;
    }

    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    .nowrap {
      white-space: nowrap;
    }

    table[aria-busy="true"] {
      opacity: 0.6;
    }
  `,
  lists,
  css`
    /* Outcomes of a payment: success and pending are status messages, failures alerts. */
    .outcome {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: calc(var(--_space) * 0.5);
      margin: 0;
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_tone, var(--_border));
      border-left-width: 4px;
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }

    .outcome strong {
      color: var(--_tone, var(--_text));
    }

    .outcome p {
      margin: 0;
    }

    .error {
      flex-wrap: wrap;
      align-items: center;
    }

    .gateways {
      display: grid;
      gap: calc(var(--_space) * 0.35);
      margin: 0;
      padding: 0;
      border: 0;
    }

    .gateways legend {
      margin-bottom: calc(var(--_space) * 0.25);
      padding: 0;
    }

    .radio {
      display: flex;
      align-items: center;
      gap: 0.5em;
    }

    .radio input {
      width: 1.1rem;
      height: 1.1rem;
      margin: 0;
      accent-color: var(--_primary);
    }

    .instructions {
      display: grid;
      gap: calc(var(--_space) * 0.5);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_background);
    }

    .instructions p {
      margin: 0;
    }

    .instructions-title {
      font-weight: 700;
    }

    .instructions dl {
      display: grid;
      gap: calc(var(--_space) * 0.25);
      margin: 0;
    }

    .instructions dl div {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }

    .instructions dt {
      color: var(--_muted);
    }

    .instructions dt::after {
      content: ":";
    }

    .instructions dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
  `,
];
