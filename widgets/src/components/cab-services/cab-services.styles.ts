import { css } from "lit";
import { widgetBlocks } from "../../theme/blocks.js";

export const styles = [
  ...widgetBlocks,
  css`
    /* Services draw their header, badges and footer a little differently from the shared blocks. */
    .header {
      align-items: center;
    }

    .filters {
      align-items: center;
    }

    .filter {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
      font-weight: 600;
    }

    .filter select,
    .filter .search {
      width: auto;
      min-width: 11rem;
      font-weight: 400;
    }

    /* One width whatever types the catalog brings: nothing beside it moves when they arrive. */
    .filter.type select {
      width: 12rem;
    }

    .name a,
    .name .link-button {
      color: inherit;
      font-weight: inherit;
      text-decoration: underline;
      text-decoration-color: color-mix(in srgb, currentColor 35%, transparent);
      text-underline-offset: 0.2em;
    }

    .name a:hover,
    .name .link-button:hover {
      color: var(--_primary);
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

    .badge {
      padding: 0.15em 0.65em;
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
      flex-wrap: nowrap;
    }
  `,
];
