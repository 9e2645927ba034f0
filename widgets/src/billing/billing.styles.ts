import { css } from "lit";
import { widgetBlocks } from "../theme/blocks.js";

/**
 * What the billing widgets draw alike: headings, notices, status badges, money tables,
 * filters and forms (the shared blocks), and the payment method choice and instructions.
 * Each widget adds its own layout on top.
 */
export const billingStyles = [
  ...widgetBlocks,
  css`
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
