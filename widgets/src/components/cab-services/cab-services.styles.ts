import { css } from "lit";
import { controls, themeTokens } from "../../theme/tokens.js";

export const styles = [
  themeTokens,
  controls,
  css`
    .wrap {
      display: grid;
      gap: var(--_space);
    }

    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: calc(var(--_space) * 0.5) var(--_space);
    }

    .heading,
    ::slotted([slot="heading"]) {
      margin: 0;
      font-size: 1.25em;
      line-height: 1.3;
    }

    .filter {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
      font-weight: 600;
    }

    .filter select {
      width: auto;
      min-width: 11rem;
      font-weight: 400;
    }

    .notice {
      margin: 0;
      padding: var(--_space);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      background: var(--_background);
      color: var(--_muted);
    }

    .list {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .list[aria-busy="true"] {
      opacity: 0.6;
    }

    .service {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      box-shadow: var(--_shadow);
    }

    .service-head {
      display: flex;
      flex-wrap: wrap;
      align-items: start;
      justify-content: space-between;
      gap: calc(var(--_space) * 0.5);
    }

    .name {
      margin: 0;
      font-size: 1.05em;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }

    .name:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }

    .product {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }

    /* The state is in the words; colour and the shape of the mark only repeat it. */
    .badge {
      --_tone: var(--_muted);
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      padding: 0.15em 0.65em;
      border: 1px solid color-mix(in srgb, var(--_tone) 35%, transparent);
      border-radius: 999px;
      background: color-mix(in srgb, var(--_tone) 10%, var(--_surface));
      color: var(--_tone);
      font-size: 0.85em;
      font-weight: 600;
      white-space: nowrap;
    }

    .badge .mark {
      width: 0.6em;
      height: 0.6em;
      background: currentColor;
    }

    .tone-success {
      --_tone: var(--_success);
    }
    .tone-success .mark {
      border-radius: 50%;
    }
    .tone-warning {
      --_tone: var(--_warning);
    }
    .tone-warning .mark {
      transform: rotate(45deg);
    }
    .tone-danger {
      --_tone: var(--_danger);
    }
    .tone-neutral .mark {
      height: 0.15em;
    }

    .parameters {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 0.25) calc(var(--_space) * 1.25);
      margin: 0;
      font-size: 0.9em;
    }

    .parameters div {
      display: flex;
      gap: 0.35em;
    }

    .parameters dt {
      color: var(--_muted);
    }

    .parameters dt::after {
      content: ":";
    }

    .parameters dd {
      margin: 0;
      font-weight: 600;
    }

    .billing {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: calc(var(--_space) * 0.35) calc(var(--_space) * 1.25);
      padding-top: calc(var(--_space) * 0.75);
      border-top: 1px solid var(--_border);
      color: var(--_muted);
      font-size: 0.9em;
    }

    .price {
      color: var(--_text);
      font-size: 1.1em;
      font-weight: 700;
    }

    .more {
      display: flex;
      align-items: center;
      gap: var(--_space);
    }

    .count {
      color: var(--_muted);
      font-size: 0.9em;
    }
  `,
];
