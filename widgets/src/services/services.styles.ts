import { css } from "lit";
import { widgetBlocks } from "../theme/blocks.js";

/**
 * What the services widgets draw alike: the shared blocks, and the parameter controls
 * (slider and number field, selects, checkboxes), the price box and the action cards.
 */
export const servicesStyles = [
  ...widgetBlocks,
  css`
    fieldset {
      min-width: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }

    legend {
      margin-bottom: calc(var(--_space) * 0.5);
      padding: 0;
    }

    .params {
      display: grid;
      gap: calc(var(--_space) * 0.75);
    }

    .param {
      display: grid;
      gap: calc(var(--_space) * 0.25);
    }

    .param-label {
      font-weight: 600;
    }

    .param-inputs {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
    }

    .range {
      flex: 1;
      min-width: 6rem;
      accent-color: var(--_primary);
    }

    .input.number {
      width: 6.5rem;
    }

    .unit {
      min-width: 3em;
      color: var(--_muted);
    }

    .checkbox,
    .radio {
      display: flex;
      align-items: center;
      gap: 0.5em;
    }

    .checkbox input,
    .radio input {
      width: 1.1rem;
      height: 1.1rem;
      margin: 0;
      accent-color: var(--_primary);
    }

    .range:focus-visible,
    .checkbox input:focus-visible,
    .radio input:focus-visible,
    select:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }

    .price-box[aria-busy="true"] .price-lines {
      opacity: 0.6;
    }

    .price-lines {
      display: grid;
      gap: calc(var(--_space) * 0.25);
      margin: 0;
    }

    .price-lines div {
      display: flex;
      justify-content: space-between;
      gap: var(--_space);
    }

    .price-lines dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    .price-lines .grand {
      padding-top: calc(var(--_space) * 0.5);
      border-top: 1px solid var(--_border);
      font-size: 1.15em;
      font-weight: 700;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) * 0.5) var(--_space);
    }

    .reason {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }

    /* Not allowed (or busy): plainly off, with the reason beside it. */
    .button[disabled] {
      cursor: not-allowed;
      opacity: 0.55;
      filter: grayscale(0.7);
    }

    fieldset[disabled] .radio,
    .checkbox:has(input[disabled]) {
      color: var(--_muted);
    }
  `,
];
