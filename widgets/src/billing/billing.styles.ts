import { css } from "lit";
import { widgetBlocks } from "../theme/blocks.js";

/**
 * What the billing widgets draw alike: headings, notices, status badges, money tables,
 * filters and forms. Each widget adds its own layout on top.
 */
export const billingStyles = [
  ...widgetBlocks,
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
